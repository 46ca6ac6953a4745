/* beacon: the UDP socket of a [sync] group's beacon (issue 17; the datagram and the peer table:
 * src/core/show/syncpeers.h). Multicast to BEACON_GROUP on the configured port, TTL 1 (it never leaves the
 * room's network), IP_MULTICAST_LOOP on (several kiosks on one machine hear each other). Non-blocking:
 * the event loop sends when due and reads what has come; nothing ever waits. Plain POSIX sockets.
 * Ownership: beacon_open returns a socket the caller closes with beacon_close. */
#ifndef KIOSK_BEACON_H
#define KIOSK_BEACON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BEACON_GROUP "239.255.77.17" /* administratively scoped (organization-local) */

typedef struct beacon beacon;

/* Opens the socket, bound to BEACON_GROUP:port and joined to the group on the default interface; without
 * a route for multicast (a LAN without a gateway), on the first interface that is up and
 * multicast-capable; when there is none (no network yet at boot, or none at all) and loopback_ok, on the
 * loopback interface (one machine only: beacon_local tells; the caller tries again later). NULL with
 * why in plain words when it cannot be opened. */
beacon *beacon_open(uint16_t port, bool loopback_ok, char *why, size_t n);
/* True when the socket could only join on the loopback interface. */
bool beacon_local(const beacon *b);
void beacon_close(beacon *b);
/* Sends one datagram. 0, or an errno value. */
int beacon_send(beacon *b, const void *data, size_t len);
/* Reads one datagram that has come. Its length; 0 when none is waiting; -errno on an error. */
ssize_t beacon_recv(beacon *b, void *buf, size_t n);

#endif
