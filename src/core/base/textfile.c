/* textfile: see textfile.h. */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int content_read_file(const char *path, size_t max_bytes, char **data, size_t *len)
{
    int err = 0;
    int fd = -1;
    char *buf = NULL; /* owned until handed to *data */
    size_t n = 0, cap;
    struct stat st;
    size_t limit = max_bytes < SIZE_MAX - 2 ? max_bytes + 2 : SIZE_MAX; /* room to notice growth */

    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not hang the scan; regular files ignore it. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) != 0) {
        err = errno;
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode)) {
        err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto cleanup;
    }
    if ((uintmax_t)st.st_size > max_bytes) {
        err = EFBIG;
        goto cleanup;
    }
    cap = (size_t)st.st_size + 2;
    buf = malloc(cap);
    if (!buf) {
        err = ENOMEM;
        goto cleanup;
    }
    for (;;) {
        if (cap - n < 2) { /* the file grew while we read it */
            size_t ncap = cap < limit / 2 ? cap * 2 : limit;
            char *nbuf = realloc(buf, ncap);
            if (!nbuf) {
                err = ENOMEM;
                goto cleanup;
            }
            buf = nbuf;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            err = errno;
            goto cleanup;
        }
        if (r == 0) {
            break;
        }
        n += (size_t)r;
        if (n > max_bytes) {
            err = EFBIG;
            goto cleanup;
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
cleanup:
    free(buf);
    if (fd >= 0) {
        close(fd);
    }
    return err;
}
