#!/usr/bin/env python3
"""vm.usb: plugs a disk image into the virtual machine as a USB stick, and pulls it, through QMP.

  qmp.py SOCKET plug ID IMAGE [BYTES_PER_SECOND]   usb-storage on the xHCI controller "xhci"; with a rate,
                                                     reads are throttled (a slow stick)
  qmp.py SOCKET pull ID                              device_del, then the block nodes are removed

The image is opened writable, as a real stick is: run.sh checks afterwards that nothing was written.
"""
import json
import socket
import sys


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.file = self.sock.makefile("rw")
        self.events = []
        self.file.readline()  # greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        self.file.write(json.dumps({"execute": name, "arguments": args} if args else {"execute": name}) + "\n")
        self.file.flush()
        while True:
            r = json.loads(self.file.readline())
            if "error" in r:
                sys.exit(f"{name}: {r['error']['desc']}")
            if "return" in r:
                return r["return"]
            self.events.append(r)

    def wait_event(self, name, device, timeout):
        self.sock.settimeout(timeout)
        try:
            while not any(e.get("event") == name and e.get("data", {}).get("device") == device
                          for e in self.events):
                self.events.append(json.loads(self.file.readline()))
        except (socket.timeout, ValueError):
            sys.exit(f"no {name} for {device} within {timeout} s")
        finally:
            self.sock.settimeout(None)


def plug(q, sid, image, bps):
    q.cmd("blockdev-add", **{"driver": "raw", "node-name": sid + "-raw",
                             "file": {"driver": "file", "filename": image}})
    node = sid + "-raw"
    if bps:
        q.cmd("object-add", **{"qom-type": "throttle-group", "id": sid + "-tg", "limits": {"bps-read": bps}})
        q.cmd("blockdev-add", **{"driver": "throttle", "node-name": sid + "-thr", "throttle-group": sid + "-tg",
                                 "file": node})
        node = sid + "-thr"
    q.cmd("device_add", driver="usb-storage", bus="xhci.0", drive=node, id=sid, removable=True)


def pull(q, sid):
    q.cmd("device_del", id=sid)
    q.wait_event("DEVICE_DELETED", sid, 20)
    nodes = [n["node-name"] for n in q.cmd("query-named-block-nodes")]
    if sid + "-thr" in nodes:
        q.cmd("blockdev-del", **{"node-name": sid + "-thr"})
        q.cmd("object-del", id=sid + "-tg")
    q.cmd("blockdev-del", **{"node-name": sid + "-raw"})


def main():
    q = Qmp(sys.argv[1])
    if sys.argv[2] == "plug":
        plug(q, sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 0)
    elif sys.argv[2] == "pull":
        pull(q, sys.argv[3])
    else:
        sys.exit("usage: qmp.py SOCKET plug ID IMAGE [BPS] | pull ID")


if __name__ == "__main__":
    main()
