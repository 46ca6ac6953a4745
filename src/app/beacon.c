/* beacon: see beacon.h. */
#include "beacon.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct beacon {
    int fd;
    bool local; /* joined on the loopback interface */
    struct sockaddr_in to;
};

/* Joins the group on the interface with address ifaddr (INADDR_ANY: the kernel's choice) and sends
 * through it. 0 or an errno value. */
static int join(int fd, in_addr_t ifaddr)
{
    struct ip_mreq mreq;
    memset(&mreq, 0, sizeof mreq);
    mreq.imr_multiaddr.s_addr = inet_addr(BEACON_GROUP);
    mreq.imr_interface.s_addr = ifaddr;
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) != 0) {
        return errno;
    }
    struct in_addr via = {.s_addr = ifaddr};
    if (ifaddr != htonl(INADDR_ANY) && setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &via, sizeof via) != 0) {
        return errno;
    }
    return 0;
}

/* Without a route for multicast (an exhibit LAN with fixed addresses and no gateway), the kernel cannot
 * choose an interface: joins on the first interface that is up, multicast-capable, not the loopback and
 * has an IPv4 address, in the order getifaddrs lists them. 0 or an errno value (ENODEV: none). */
static int join_any_interface(int fd)
{
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0) {
        return errno;
    }
    int rc = ENODEV;
    for (const struct ifaddrs *i = list; i && rc != 0; i = i->ifa_next) {
        unsigned flags = i->ifa_flags;
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(flags & IFF_UP) ||
            !(flags & IFF_MULTICAST) || (flags & IFF_LOOPBACK)) {
            continue;
        }
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)i->ifa_addr;
        rc = join(fd, in->sin_addr.s_addr);
    }
    freeifaddrs(list);
    return rc;
}

static int options(int fd)
{
    int one = 1;
    unsigned char ttl = 1, loop = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0 ||
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) != 0) {
        return errno;
    }
    return 0;
}

beacon *beacon_open(uint16_t port, bool loopback_ok, char *why, size_t n)
{
    beacon *b = calloc(1, sizeof *b);
    const char *step = "out of memory";
    int rc = ENOMEM;
    if (!b) {
        goto fail;
    }
    b->to.sin_family = AF_INET;
    b->to.sin_port = htons(port);
    b->to.sin_addr.s_addr = inet_addr(BEACON_GROUP);
    b->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    step = "socket";
    if (b->fd < 0 || (rc = options(b->fd)) != 0) {
        rc = b->fd < 0 ? errno : rc;
        goto fail;
    }
    step = "bind";
    if (bind(b->fd, (const struct sockaddr *)&b->to, sizeof b->to) != 0) {
        rc = errno;
        goto fail;
    }
    step = "join the multicast group";
    if ((rc = join(b->fd, htonl(INADDR_ANY))) != 0 && join_any_interface(b->fd) != 0) {
        b->local = true;
        if (!loopback_ok || (rc = join(b->fd, htonl(INADDR_LOOPBACK))) != 0) {
            goto fail;
        }
    }
    return b;
fail:
    if (why && n) {
        snprintf(why, n, "the beacon's socket (UDP %s:%u): %s: %s", BEACON_GROUP, (unsigned)port, step,
                 strerror(rc));
    }
    beacon_close(b);
    return NULL;
}

bool beacon_local(const beacon *b)
{
    return b && b->local;
}

void beacon_close(beacon *b)
{
    if (!b) {
        return;
    }
    if (b->fd >= 0) {
        close(b->fd);
    }
    free(b);
}

int beacon_send(beacon *b, const void *data, size_t len)
{
    ssize_t sent = sendto(b->fd, data, len, MSG_DONTWAIT, (const struct sockaddr *)&b->to, sizeof b->to);
    return sent == (ssize_t)len ? 0 : sent < 0 ? errno : EMSGSIZE;
}

ssize_t beacon_recv(beacon *b, void *buf, size_t n)
{
    ssize_t got = recv(b->fd, buf, n, MSG_DONTWAIT);
    if (got >= 0) {
        return got;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -errno;
}
