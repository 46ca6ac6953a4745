/* fsutil: see fsutil.h. */
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fsu_join(char *buf, size_t n, const char *a, const char *b)
{
    int len = snprintf(buf, n, "%s/%s", a, b);
    return len < 0 || (size_t)len >= n ? ENAMETOOLONG : 0;
}

int fsu_split(const char *path, char *dir, size_t dn, char *name, size_t nn)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') {
        len--;
    }
    if (len == 0 || (len == 1 && path[0] == '/')) {
        return EINVAL;
    }
    size_t start = len;
    while (start > 0 && path[start - 1] != '/') {
        start--;
    }
    size_t dlen = start == 0 ? 0 : (start == 1 ? 1 : start - 1);
    if (len - start >= nn || (dlen == 0 ? 2 : dlen + 1) > dn) {
        return ENAMETOOLONG;
    }
    memcpy(name, path + start, len - start);
    name[len - start] = '\0';
    if (dlen == 0) {
        strcpy(dir, ".");
    } else {
        memcpy(dir, path, dlen);
        dir[dlen] = '\0';
    }
    return 0;
}

int fsu_fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : errno; /* EINVAL: a file system without fsync */
    close(fd);
    return rc;
}

/* Empties the folder open as dfd (which it takes over and closes). */
static int rm_children(int dfd, int depth)
{
    int rc = 0;
    DIR *d = fdopendir(dfd);
    struct dirent *e;
    if (!d) {
        rc = errno;
        close(dfd);
        return rc;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode) && depth < 64) {
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int r = sub < 0 ? errno : rm_children(sub, depth + 1);
            if (r == 0 && unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) != 0) {
                r = errno;
            }
            if (r != 0 && rc == 0) {
                rc = r;
            }
        } else if (unlinkat(dirfd(d), e->d_name, 0) != 0 && rc == 0) {
            rc = errno;
        }
    }
    closedir(d);
    return rc;
}

int fsu_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        return errno == ENOENT ? 0 : errno;
    }
    if (!S_ISDIR(st.st_mode)) {
        return unlink(path) == 0 || errno == ENOENT ? 0 : errno;
    }
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int rc = fd < 0 ? errno : rm_children(fd, 0);
    if (rc == 0 && rmdir(path) != 0) {
        rc = errno;
    }
    return rc == ENOENT ? 0 : rc;
}

int fsu_write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return w < 0 ? errno : EIO;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int fsu_write_atomic(const char *path, const void *data, size_t len)
{
    char dir[4096], name[256], tmp[4096];
    int fd = -1, rc = fsu_split(path, dir, sizeof dir, name, sizeof name);
    if (rc != 0) {
        return rc;
    }
    if (snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", dir, name) >= (int)sizeof tmp) {
        return ENAMETOOLONG;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        return errno;
    }
    rc = fsu_write_all(fd, data, len);
    if (rc == 0 && fchmod(fd, 0644) != 0) {
        rc = errno;
    }
    if (rc == 0 && fsync(fd) != 0) {
        rc = errno;
    }
    if (close(fd) != 0 && rc == 0) {
        rc = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = errno;
    }
    if (rc != 0) {
        unlink(tmp);
    } else {
        rc = fsu_fsync_dir(dir);
    }
    return rc;
}
