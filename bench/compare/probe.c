/* probe: the measuring helper of bench/compare/run.sh. It only observes the program under test from the
 * outside: the X server's DAMAGE events on the root window (every frame a client draws into its window
 * reaches the screen as damage), screenshots (MIT-SHM), clicks through XTEST (what xdotool uses) and
 * /proc (VmHWM, VmRSS, Pss, utime+stime, per-thread schedstat). Nothing is added to the program.
 *
 *   probe launch --out F --mem F --pidfile F [--log F] [--shot F.ppm] [--settle-ms N] [--timeout-ms N]
 *                [--sample-ms N] [--color] -- CMD ARGS...
 *       Starts CMD (as its child), times the first frame with content (text edges on screen), the first
 *       frame with a colourful picture (--color) and the moment the screen settles (no damage for
 *       --settle-ms), writes them to --out, then samples the memory of CMD and all its descendants every
 *       --sample-ms until it gets SIGTERM (or CMD ends): it then ends CMD (SIGTERM, then SIGKILL after
 *       10 s) and writes the memory peaks to --mem.
 *   probe still --pid P --seconds S --out F [--xpid X] [--quiet-ms N]
 *       Waits until the screen has been still for --quiet-ms, then measures S seconds: CPU of the process
 *       tree of P (utime+stime, /proc/PID/stat), frames drawn, scheduler wake-ups, CPU of the X server X.
 *   probe walk --pid P --kinds STR --every MS --out F [--frames F] [--taps F] [--raw F] [--x X --y Y]
 *              [--transition-ms N] [--late-ms N] [--thread NAME] [--xpid X]
 *       One click per letter of STR (t: the click leads to a text slide, p: to a picture), one every MS:
 *       per click the time to the first frame drawn after it and to the last one (settled), the frame
 *       intervals during the transition, late frames (interval > --late-ms) and whether the thread
 *       NAME of P (the kiosk's picture decoder) ran during a late interval; CPU of the tree during the
 *       transitions and over the whole walk.
 *   (still and walk also report the CPU of the whole machine, of the X server --xpid and of the probes
 *   themselves: this one and --probe-pid, the launcher, whose tree holds the program.)
 *   probe cpu --pid P              CPU seconds of the process tree of P so far.
 *   probe shot F.ppm               a screenshot of the root window.
 *
 * The process tree of P is P and its descendants; with --match STR also the processes whose parent is
 * init and whose command line contains STR, and their descendants (Chromium's crash handlers detach
 * from the browser but name its profile folder). A process counts from the sample it is first seen in.
 *
 * All times are CLOCK_MONOTONIC milliseconds. Output files are key=value lines. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xdamage.h>

#define COALESCE_MS 4.0 /* damage events closer than this belong to one frame */
#define MAX_PROCS 4096
#define MAX_RECS 2048

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
    if (ms <= 0)
        return;
    struct timespec t = {(time_t)(ms / 1000), (long)((ms - (time_t)(ms / 1000) * 1000) * 1e6)};
    nanosleep(&t, NULL);
}

static void die(const char *msg)
{
    fprintf(stderr, "probe: %s\n", msg);
    exit(2);
}

static const char *arg_str(int argc, char **argv, const char *name, const char *def)
{
    for (int i = 0; i < argc - 1; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return def;
}

static bool arg_flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], name) == 0)
            return true;
    }
    return false;
}

static double arg_num(int argc, char **argv, const char *name, double def)
{
    const char *s = arg_str(argc, argv, name, NULL);
    return s ? atof(s) : def;
}

/* ---- /proc ---- */

static int read_text(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got < n - 1) {
        ssize_t r = read(fd, buf + got, n - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    return (int)got;
}

typedef struct {
    int ppid;
    unsigned long long self_ticks, child_ticks, start;
    char comm[32];
} pstat;

static int read_stat(int pid, pstat *s)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_text(path, buf, sizeof buf) <= 0)
        return -1;
    char *open_p = strchr(buf, '('), *close_p = strrchr(buf, ')');
    if (!open_p || !close_p)
        return -1;
    size_t cl = (size_t)(close_p - open_p - 1);
    if (cl >= sizeof s->comm)
        cl = sizeof s->comm - 1;
    memcpy(s->comm, open_p + 1, cl);
    s->comm[cl] = 0;
    /* fields after ")": 3 state, 4 ppid, ..., 14 utime, 15 stime, 16 cutime, 17 cstime, ..., 22 start */
    unsigned long long f[23] = {0};
    char *p = close_p + 2;
    int field = 3;
    while (*p && field <= 22) {
        if (field >= 4)
            f[field] = strtoull(p, NULL, 10);
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
        field++;
    }
    s->ppid = (int)f[4];
    s->self_ticks = f[14] + f[15];
    s->child_ticks = f[16] + f[17];
    s->start = f[22];
    return 0;
}

static long status_kb(int pid, const char *key)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (read_text(path, buf, sizeof buf) <= 0)
        return -1;
    char *p = strstr(buf, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static long pss_kb(int pid)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    if (read_text(path, buf, sizeof buf) <= 0)
        return -1;
    char *p = strstr(buf, "\nPss:");
    return p ? strtol(p + 5, NULL, 10) : -1;
}

/* Processes whose command line contains this string (and their descendants) belong to the tree too:
 * Chromium's crash handlers detach themselves from the browser (their parent is init), but carry the
 * profile folder on their command line. NULL: none. */
static const char *tree_match;

static bool cmdline_has(int pid, const char *needle)
{
    char path[64], buf[8192];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    int n = read_text(path, buf, sizeof buf);
    for (int i = 0; i < n; i++)
        if (!buf[i])
            buf[i] = ' ';
    return n > 0 && strstr(buf, needle) != NULL;
}

/* The process tree of root: root and all its descendants alive now. Returns the count. */
static int proc_tree(int root, int *out, int max)
{
    static int pids[MAX_PROCS], ppids[MAX_PROCS];
    int n = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_PROCS) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        int pid = atoi(e->d_name);
        pstat s;
        if (read_stat(pid, &s) != 0)
            continue;
        pids[n] = pid;
        ppids[n] = s.ppid;
        n++;
    }
    closedir(d);
    int k = 0;
    bool root_alive = false;
    for (int i = 0; i < n; i++)
        root_alive |= pids[i] == root;
    if (!root_alive || max < 1)
        return 0;
    out[k++] = root;
    if (tree_match)
        for (int i = 0; i < n && k < max; i++)
            if (pids[i] != root && ppids[i] == 1 && cmdline_has(pids[i], tree_match))
                out[k++] = pids[i];
    for (int head = 0; head < k; head++)
        for (int i = 0; i < n && k < max; i++)
            if (ppids[i] == out[head])
                out[k++] = pids[i];
    return k;
}

/* CPU ticks of the tree: utime+stime of every live process, plus cutime+cstime (its reaped children). */
static unsigned long long tree_ticks(int root)
{
    static int tree[MAX_PROCS];
    int n = proc_tree(root, tree, MAX_PROCS);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++) {
        pstat s;
        if (read_stat(tree[i], &s) == 0)
            sum += s.self_ticks + s.child_ticks;
    }
    return sum;
}

/* Busy ticks of the whole machine (all CPUs, everything but idle and iowait), from /proc/stat: what else
 * ran during a measurement shows as the difference to the program's own CPU. */
static unsigned long long system_busy_ticks(void)
{
    char buf[1024];
    if (read_text("/proc/stat", buf, sizeof buf) <= 0 || strncmp(buf, "cpu ", 4) != 0)
        return 0;
    unsigned long long f[10] = {0}, busy = 0;
    sscanf(buf + 4, "%llu %llu %llu %llu %llu %llu %llu %llu", &f[0], &f[1], &f[2], &f[3], &f[4], &f[5],
           &f[6], &f[7]);
    for (int i = 0; i < 8; i++)
        if (i != 3 && i != 4)
            busy += f[i];
    return busy;
}

/* CPU seconds this probe has used itself (it runs next to the program and is not part of "the rest"). */
static double self_cpu_s(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

/* Scheduler wake-ups (times a thread was put on a CPU) of every thread of the tree. */
static unsigned long long tree_runs(int root)
{
    static int tree[MAX_PROCS];
    int n = proc_tree(root, tree, MAX_PROCS);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/task", tree[i]);
        DIR *d = opendir(path);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] < '1' || e->d_name[0] > '9')
                continue;
            char p2[320], buf[256];
            snprintf(p2, sizeof p2, "/proc/%d/task/%s/schedstat", tree[i], e->d_name);
            if (read_text(p2, buf, sizeof buf) > 0) {
                unsigned long long run, wait, count;
                if (sscanf(buf, "%llu %llu %llu", &run, &wait, &count) == 3)
                    sum += count;
            }
        }
        closedir(d);
    }
    return sum;
}

/* Nanoseconds a thread has run (its schedstat); 0 when tid <= 0 or gone. */
static unsigned long long thread_ns(int pid, int tid)
{
    if (tid <= 0)
        return 0;
    char path[96], buf[256];
    snprintf(path, sizeof path, "/proc/%d/task/%d/schedstat", pid, tid);
    if (read_text(path, buf, sizeof buf) <= 0)
        return 0;
    return strtoull(buf, NULL, 10);
}

static int find_thread(int pid, const char *name)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    int found = -1;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char p2[320], buf[64];
        snprintf(p2, sizeof p2, "/proc/%d/task/%s/comm", pid, e->d_name);
        if (read_text(p2, buf, sizeof buf) > 0) {
            buf[strcspn(buf, "\n")] = 0;
            if (strcmp(buf, name) == 0) {
                found = atoi(e->d_name);
                break;
            }
        }
    }
    closedir(d);
    return found;
}

/* Memory of a process tree over time. Per process (pid + start time) the largest VmHWM seen (the kernel's
 * own peak of that process); per sample the sum of VmRSS and (every pss_every samples) the sum of Pss. */
typedef struct {
    int pid;
    unsigned long long start;
    long hwm_kb;
    char comm[32];
} mem_rec;

typedef struct {
    mem_rec recs[MAX_RECS];
    int n;
    long peak_rss_sum_kb, peak_pss_sum_kb;
    int samples, pss_every, max_live;
} mem_tracker;

static void mem_sample(mem_tracker *m, int root)
{
    static int tree[MAX_PROCS];
    int n = proc_tree(root, tree, MAX_PROCS);
    long rss_sum = 0, pss_sum = 0;
    bool do_pss = m->pss_every > 0 && m->samples % m->pss_every == 0;
    for (int i = 0; i < n; i++) {
        pstat s;
        if (read_stat(tree[i], &s) != 0)
            continue;
        long hwm = status_kb(tree[i], "VmHWM:"), rss = status_kb(tree[i], "VmRSS:");
        if (hwm < 0 || rss < 0)
            continue; /* gone, or a zombie */
        rss_sum += rss;
        if (do_pss) {
            long p = pss_kb(tree[i]);
            if (p > 0)
                pss_sum += p;
        }
        int k = 0;
        while (k < m->n && !(m->recs[k].pid == tree[i] && m->recs[k].start == s.start))
            k++;
        if (k == m->n) {
            if (m->n == MAX_RECS)
                continue;
            m->n++;
            m->recs[k] = (mem_rec){.pid = tree[i], .start = s.start, .hwm_kb = 0};
        }
        snprintf(m->recs[k].comm, sizeof m->recs[k].comm, "%s", s.comm); /* it may have exec'd since */
        if (hwm > m->recs[k].hwm_kb)
            m->recs[k].hwm_kb = hwm;
    }
    if (rss_sum > m->peak_rss_sum_kb)
        m->peak_rss_sum_kb = rss_sum;
    if (pss_sum > m->peak_pss_sum_kb)
        m->peak_pss_sum_kb = pss_sum;
    if (n > m->max_live)
        m->max_live = n;
    m->samples++;
}

/* ---- X ---- */

typedef struct {
    Display *dpy;
    Window root;
    int w, h;
    int dmg_base;
    Damage damage;
    bool shm;
    XShmSegmentInfo seg;
    XImage *img;
} xctx;

static void x_open(xctx *x)
{
    memset(x, 0, sizeof *x);
    x->dpy = XOpenDisplay(NULL);
    if (!x->dpy)
        die("cannot open the X display (is DISPLAY set?)");
    fcntl(ConnectionNumber(x->dpy), F_SETFD, FD_CLOEXEC);
    x->root = DefaultRootWindow(x->dpy);
    XWindowAttributes wa;
    XGetWindowAttributes(x->dpy, x->root, &wa);
    x->w = wa.width;
    x->h = wa.height;
    int err;
    if (!XDamageQueryExtension(x->dpy, &x->dmg_base, &err))
        die("the X server has no DAMAGE extension");
}

static void x_damage_on(xctx *x)
{
    if (!x->damage)
        x->damage = XDamageCreate(x->dpy, x->root, XDamageReportRawRectangles);
    XSync(x->dpy, False);
    while (XPending(x->dpy)) { /* the damage object starts with the whole screen: not a frame */
        XEvent ev;
        XNextEvent(x->dpy, &ev);
    }
}

static void x_damage_off(xctx *x)
{
    if (x->damage)
        XDamageDestroy(x->dpy, x->damage);
    x->damage = 0;
    XSync(x->dpy, False);
    while (XPending(x->dpy)) {
        XEvent ev;
        XNextEvent(x->dpy, &ev);
    }
}

/* Reads the events that are there; returns how many were damage, the receive time of the last in *t. */
static int x_drain(xctx *x, double *t)
{
    int n = 0;
    while (XPending(x->dpy)) {
        XEvent ev;
        XNextEvent(x->dpy, &ev);
        if (ev.type == x->dmg_base + XDamageNotify) {
            n++;
            *t = now_ms();
        }
    }
    return n;
}

/* Waits up to ms for X input. */
static void x_wait(xctx *x, double ms)
{
    if (XPending(x->dpy))
        return;
    if (ms < 0)
        ms = 0;
    struct pollfd p = {ConnectionNumber(x->dpy), POLLIN, 0};
    struct timespec ts = {(time_t)(ms / 1000), (long)((ms - (time_t)(ms / 1000) * 1000) * 1e6)};
    ppoll(&p, 1, &ts, NULL);
}

static XImage *x_grab(xctx *x)
{
    if (!x->img) {
        int major, minor;
        Bool pixmaps;
        Visual *vis = DefaultVisual(x->dpy, DefaultScreen(x->dpy));
        int depth = DefaultDepth(x->dpy, DefaultScreen(x->dpy));
        if (XShmQueryVersion(x->dpy, &major, &minor, &pixmaps)) {
            x->img = XShmCreateImage(x->dpy, vis, depth, ZPixmap, NULL, &x->seg, x->w, x->h);
            if (x->img) {
                x->seg.shmid = shmget(IPC_PRIVATE, (size_t)x->img->bytes_per_line * x->h, IPC_CREAT | 0600);
                x->seg.shmaddr = x->img->data = shmat(x->seg.shmid, NULL, 0);
                x->seg.readOnly = False;
                XShmAttach(x->dpy, &x->seg);
                XSync(x->dpy, False);
                shmctl(x->seg.shmid, IPC_RMID, NULL);
                x->shm = true;
            }
        }
    }
    if (x->shm) {
        XShmGetImage(x->dpy, x->root, x->img, 0, 0, AllPlanes);
        return x->img;
    }
    static XImage *plain;
    if (plain)
        XDestroyImage(plain);
    plain = XGetImage(x->dpy, x->root, 0, 0, (unsigned)x->w, (unsigned)x->h, AllPlanes, ZPixmap);
    return plain;
}

static void px_rgb(const XImage *img, int xx, int yy, int *r, int *g, int *b)
{
    unsigned long p;
    if (img->bits_per_pixel == 32)
        p = *(const uint32_t *)(img->data + (size_t)yy * img->bytes_per_line + (size_t)xx * 4);
    else
        p = XGetPixel((XImage *)img, xx, yy);
    *r = (int)((p >> 16) & 255);
    *g = (int)((p >> 8) & 255);
    *b = (int)(p & 255);
}

typedef struct {
    double edges;    /* fraction of sampled pixels with a strong horizontal edge (text, detail) */
    double colorful; /* fraction of sampled pixels with a saturated colour (a photograph) */
} screen_stats;

static screen_stats analyze(const XImage *img)
{
    screen_stats st = {0};
    long samples = 0, edges = 0, colorful = 0;
    for (int y = 1; y < img->height; y += 2) {
        int pl = -1;
        for (int x = 0; x + 2 < img->width; x += 2) {
            int r, g, b;
            px_rgb(img, x, y, &r, &g, &b);
            int l = (r * 3 + g * 6 + b) / 10;
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
            int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
            if (pl >= 0 && abs(l - pl) > 48)
                edges++;
            if (mx - mn > 60 && mx > 80)
                colorful++;
            pl = l;
            samples++;
        }
    }
    if (samples) {
        st.edges = (double)edges / samples;
        st.colorful = (double)colorful / samples;
    }
    return st;
}

static int write_ppm(const XImage *img, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fprintf(f, "P6\n%d %d\n255\n", img->width, img->height);
    unsigned char *row = malloc((size_t)img->width * 3);
    for (int y = 0; row && y < img->height; y++) {
        for (int x = 0; x < img->width; x++) {
            int r, g, b;
            px_rgb(img, x, y, &r, &g, &b);
            row[x * 3] = (unsigned char)r;
            row[x * 3 + 1] = (unsigned char)g;
            row[x * 3 + 2] = (unsigned char)b;
        }
        fwrite(row, 3, (size_t)img->width, f);
    }
    free(row);
    return fclose(f);
}

/* Writes a file atomically (temp + rename) so a reader polling for it never sees half of it. */
static FILE *out_open(const char *path, char *tmp, size_t n)
{
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        die("cannot write an output file");
    return f;
}

static void out_close(FILE *f, const char *tmp, const char *path)
{
    fclose(f);
    rename(tmp, path);
}

/* ---- launch ---- */

static volatile sig_atomic_t got_term;

static void on_term(int sig)
{
    (void)sig;
    got_term = 1;
}

static bool child_alive(int pid, int *status)
{
    int st;
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r == pid) {
        *status = st;
        return false;
    }
    return r == 0;
}

static int cmd_launch(int argc, char **argv)
{
    tree_match = arg_str(argc, argv, "--match", NULL);
    const char *out = arg_str(argc, argv, "--out", NULL), *mem = arg_str(argc, argv, "--mem", NULL);
    const char *pidfile = arg_str(argc, argv, "--pidfile", NULL), *log = arg_str(argc, argv, "--log", NULL);
    const char *shot = arg_str(argc, argv, "--shot", NULL);
    double settle_ms = arg_num(argc, argv, "--settle-ms", 1500),
           timeout_ms = arg_num(argc, argv, "--timeout-ms", 90000);
    double sample_ms = arg_num(argc, argv, "--sample-ms", 200),
           edge_min = arg_num(argc, argv, "--edge-min", 0.002);
    bool want_color = arg_flag(argc, argv, "--color");
    int cmd_at = 0;
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            cmd_at = i + 1;
            break;
        }
    if (!out || !mem || !pidfile || !cmd_at || cmd_at >= argc)
        die("usage: probe launch --out F --mem F --pidfile F [...] -- CMD ARGS");

    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    static mem_tracker m;
    m.pss_every = (int)(1000 / sample_ms) > 0 ? (int)(1000 / sample_ms) : 1;
    xctx x;
    x_open(&x);
    /* The screen's image is made and filled once before the program starts: the first grab makes the X
     * server map the probe's shared memory and write all of it (tens of ms on a machine with slow page
     * faults), which must not fall into the start being measured, behind the program's first damage. */
    (void)analyze(x_grab(&x));
    x_damage_on(&x);

    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        die("fork failed");
    if (pid == 0) {
        if (log) {
            int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                close(fd);
            }
        }
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execvp(argv[cmd_at], argv + cmd_at);
        _exit(127);
    }
    {
        char tmp[4096];
        FILE *f = out_open(pidfile, tmp, sizeof tmp);
        fprintf(f, "%d\n", (int)pid);
        out_close(f, tmp, pidfile);
    }

    /* Phase 1: first frame and settling, with memory samples. */
    double first_damage = -1, first_content = -1, first_color = -1, last_damage = -1, last_ev = -1;
    double last_grab = -1e9, next_sample = t0;
    int frames = 0, status = 0;
    bool alive = true, timed_out = false;
    screen_stats last_st = {0};
    while (!got_term) {
        if (!(alive = child_alive(pid, &status)))
            break;
        double t = now_ms();
        if (t >= next_sample) {
            mem_sample(&m, pid);
            next_sample += sample_ms;
        }
        if (first_content >= 0 && t - last_damage >= settle_ms &&
            (!want_color || first_color >= 0 || t - last_damage >= 3 * settle_ms))
            break;
        if (t - t0 > timeout_ms) {
            timed_out = true;
            break;
        }
        x_wait(&x, 5);
        double tev = -1;
        int n = 0;
        while (XPending(x.dpy)) {
            XEvent ev;
            XNextEvent(x.dpy, &ev);
            if (ev.type != x.dmg_base + XDamageNotify)
                continue;
            tev = now_ms();
            n++;
            if (first_damage < 0)
                first_damage = tev;
            if (tev - last_ev > COALESCE_MS)
                frames++;
            last_ev = last_damage = tev;
        }
        if (n && (first_content < 0 || (want_color && first_color < 0)) && tev - last_grab >= 8) {
            last_st = analyze(x_grab(&x));
            last_grab = now_ms();
            if (first_content < 0 && last_st.edges >= edge_min)
                first_content = tev;
            if (want_color && first_color < 0 && last_st.colorful >= 0.01)
                first_color = tev;
        }
    }
    x_damage_off(&x);
    screen_stats fin = analyze(x_grab(&x));
    if (shot)
        write_ppm(x_grab(&x), shot);
    {
        char tmp[4096];
        FILE *f = out_open(out, tmp, sizeof tmp);
        fprintf(f, "pid=%d\n", (int)pid);
        fprintf(f, "first_damage_ms=%.1f\n", first_damage >= 0 ? first_damage - t0 : -1);
        fprintf(f, "first_content_ms=%.1f\n", first_content >= 0 ? first_content - t0 : -1);
        fprintf(f, "first_color_ms=%.1f\n", first_color >= 0 ? first_color - t0 : -1);
        fprintf(f, "settled_ms=%.1f\n", last_damage >= 0 ? last_damage - t0 : -1);
        fprintf(f, "frames=%d\n", frames);
        fprintf(f, "timed_out=%d\n", timed_out);
        fprintf(f, "alive=%d\n", alive);
        fprintf(f, "final_edges=%.5f\nfinal_colorful=%.5f\n", fin.edges, fin.colorful);
        out_close(f, tmp, out);
    }

    /* Phase 2: memory samples until told to stop. */
    while (!got_term && alive) {
        double t = now_ms();
        if (t >= next_sample) {
            mem_sample(&m, pid);
            next_sample += sample_ms;
            if (next_sample < t)
                next_sample = t + sample_ms;
        }
        sleep_ms(next_sample - now_ms());
        alive = child_alive(pid, &status);
    }
    bool early_exit = !alive;
    if (alive) {
        m.pss_every = 1;
        mem_sample(&m, pid);
        /* Remember the tree before ending it, to clean up descendants that outlive the root. */
        kill(pid, SIGTERM);
        double until = now_ms() + 10000;
        while ((alive = child_alive(pid, &status)) && now_ms() < until)
            sleep_ms(20);
        if (alive) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
    }
    /* Descendants that outlived the root (re-parented): end them, by pid and start time. */
    double until = now_ms() + 3000;
    for (;;) {
        int left = 0;
        for (int k = 0; k < m.n; k++) {
            pstat s;
            if (m.recs[k].pid != pid && read_stat(m.recs[k].pid, &s) == 0 && s.start == m.recs[k].start) {
                left++;
                if (now_ms() >= until)
                    kill(m.recs[k].pid, SIGKILL);
            }
        }
        if (!left || now_ms() >= until + 1000)
            break;
        sleep_ms(50);
    }
    long hwm_sum = 0, hwm_max = 0;
    for (int k = 0; k < m.n; k++) {
        hwm_sum += m.recs[k].hwm_kb;
        if (m.recs[k].hwm_kb > hwm_max)
            hwm_max = m.recs[k].hwm_kb;
    }
    {
        char tmp[4096];
        FILE *f = out_open(mem, tmp, sizeof tmp);
        fprintf(f, "peak_hwm_sum_kb=%ld\n", hwm_sum);
        fprintf(f, "peak_hwm_max_kb=%ld\n", hwm_max);
        fprintf(f, "peak_rss_sum_kb=%ld\n", m.peak_rss_sum_kb);
        fprintf(f, "peak_pss_sum_kb=%ld\n", m.peak_pss_sum_kb);
        fprintf(f, "processes=%d\nmax_live=%d\nsamples=%d\n", m.n, m.max_live, m.samples);
        fprintf(f, "early_exit=%d\n", early_exit);
        fprintf(f, "exit_status=%d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        for (int k = 0; k < m.n; k++)
            fprintf(f, "proc=%d %s %ld\n", m.recs[k].pid, m.recs[k].comm, m.recs[k].hwm_kb);
        out_close(f, tmp, mem);
    }
    return 0;
}

/* ---- still ---- */

static int cmd_still(int argc, char **argv)
{
    tree_match = arg_str(argc, argv, "--match", NULL);
    int pid = (int)arg_num(argc, argv, "--pid", 0), xpid = (int)arg_num(argc, argv, "--xpid", 0);
    double seconds = arg_num(argc, argv, "--seconds", 30), quiet_ms = arg_num(argc, argv, "--quiet-ms", 1000);
    double max_wait = arg_num(argc, argv, "--max-wait-ms", 30000);
    const char *out = arg_str(argc, argv, "--out", NULL);
    if (pid <= 0 || !out)
        die("usage: probe still --pid P --seconds S --out F");
    xctx x;
    x_open(&x);
    x_damage_on(&x);
    double start = now_ms(), last = start, tev = 0;
    while (now_ms() - last < quiet_ms && now_ms() - start < max_wait) {
        x_wait(&x, 20);
        if (x_drain(&x, &tev))
            last = tev;
    }
    double waited = now_ms() - start;
    long hz = sysconf(_SC_CLK_TCK);
    unsigned long long c0 = tree_ticks(pid), x0 = xpid ? tree_ticks(xpid) : 0, r0 = tree_runs(pid);
    unsigned long long s0 = system_busy_ticks();
    int ppid2 =
        (int)arg_num(argc, argv, "--probe-pid", 0); /* another probe (the launcher): its CPU is ours */
    unsigned long long q0 = ppid2 ? tree_ticks(ppid2) : 0;
    double p0 = self_cpu_s();
    double t0 = now_ms(), t1 = t0 + seconds * 1000, last_ev = -1;
    int frames = 0;
    while (now_ms() < t1) {
        x_wait(&x, t1 - now_ms());
        while (XPending(x.dpy)) {
            XEvent ev;
            XNextEvent(x.dpy, &ev);
            if (ev.type == x.dmg_base + XDamageNotify) {
                double t = now_ms();
                if (t - last_ev > COALESCE_MS)
                    frames++;
                last_ev = t;
            }
        }
    }
    unsigned long long c1 = tree_ticks(pid), x1 = xpid ? tree_ticks(xpid) : 0, r1 = tree_runs(pid);
    unsigned long long s1 = system_busy_ticks();
    double p1 = self_cpu_s();
    unsigned long long q1 = ppid2 ? tree_ticks(ppid2) : 0; /* includes the program: subtracted below */
    double span = (now_ms() - t0) / 1000;
    char tmp[4096];
    FILE *f = out_open(out, tmp, sizeof tmp);
    fprintf(f, "still_wait_ms=%.0f\n", waited);
    fprintf(f, "still_seconds=%.2f\n", span);
    fprintf(f, "still_cpu_ticks=%llu\n", c1 - c0);
    fprintf(f, "still_cpu_pct=%.3f\n", (double)(c1 - c0) / hz / span * 100);
    fprintf(f, "still_frames=%d\n", frames);
    fprintf(f, "still_wakeups_per_s=%.1f\n", r1 >= r0 ? (double)(r1 - r0) / span : -1);
    fprintf(f, "still_xserver_cpu_pct=%.3f\n", xpid ? (double)(x1 - x0) / hz / span * 100 : -1);
    fprintf(f, "still_system_cpu_pct=%.2f\n", (double)(s1 - s0) / hz / span * 100);
    fprintf(f, "still_probe_cpu_pct=%.2f\n",
            ((p1 - p0) + (ppid2 ? ((double)(q1 - q0) - (double)(c1 - c0)) / hz : 0)) / span * 100);
    out_close(f, tmp, out);
    return 0;
}

/* ---- walk ---- */

typedef struct {
    double t;
    int tap;
    unsigned long long dec_ns, main_ns;
} frame_rec;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    if (n <= 0)
        return -1;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(p / 100.0 * (n - 1) + 0.5);
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static int cmd_walk(int argc, char **argv)
{
    tree_match = arg_str(argc, argv, "--match", NULL);
    int pid = (int)arg_num(argc, argv, "--pid", 0), xpid = (int)arg_num(argc, argv, "--xpid", 0);
    const char *kinds = arg_str(argc, argv, "--kinds", NULL), *out = arg_str(argc, argv, "--out", NULL);
    const char *frames_path = arg_str(argc, argv, "--frames", NULL),
               *taps_path = arg_str(argc, argv, "--taps", NULL);
    const char *thread = arg_str(argc, argv, "--thread", NULL),
               *raw_path = arg_str(argc, argv, "--raw", NULL);
    double every = arg_num(argc, argv, "--every", 2500), trans = arg_num(argc, argv, "--transition-ms", 1200);
    double late_ms = arg_num(argc, argv, "--late-ms", 25);
    int cx = (int)arg_num(argc, argv, "--x", 960), cy = (int)arg_num(argc, argv, "--y", 540);
    if (pid <= 0 || !kinds || !out)
        die("usage: probe walk --pid P --kinds STR --out F [...]");
    int n = (int)strlen(kinds);
    double window = trans + 150; /* a tap's transition: from the click to this much later */
    xctx x;
    x_open(&x);
    int ev_base, err_base, major, minor;
    if (!XTestQueryExtension(x.dpy, &ev_base, &err_base, &major, &minor))
        die("the X server has no XTEST extension");
    XTestFakeMotionEvent(x.dpy, -1, cx, cy, 0);
    XSync(x.dpy, False);
    sleep_ms(300);
    x_damage_on(&x);
    int dec_tid = thread ? find_thread(pid, thread) : -1;

    size_t cap = 4096, nf = 0;
    frame_rec *fr = malloc(cap * sizeof *fr);
    double *t_click = calloc((size_t)n + 1, sizeof(double));
    unsigned long long *c_click = calloc((size_t)n + 1, sizeof *c_click),
                       *c_end = calloc((size_t)n + 1, sizeof *c_end);
    unsigned long long *x_click = calloc((size_t)n + 1, sizeof *x_click),
                       *x_end = calloc((size_t)n + 1, sizeof *x_end);
    if (!fr || !t_click || !c_click || !c_end || !x_click || !x_end)
        die("out of memory");
    long hz = sysconf(_SC_CLK_TCK);
    double start = now_ms() + 200, last_ev = -1;
    unsigned long long walk_c0 = tree_ticks(pid), walk_x0 = xpid ? tree_ticks(xpid) : 0;
    unsigned long long walk_s0 = system_busy_ticks();
    int ppid2 = (int)arg_num(argc, argv, "--probe-pid", 0);
    unsigned long long walk_q0 = ppid2 ? tree_ticks(ppid2) : 0;
    double walk_p0 = self_cpu_s();
    double walk_t0 = now_ms();
    int next = 0, end_pending = -1;
    double stop = start + n * every;
    while (now_ms() < stop) {
        double t = now_ms();
        if (next < n && t >= start + next * every) {
            c_click[next] = tree_ticks(pid);
            x_click[next] = xpid ? tree_ticks(xpid) : 0;
            XTestFakeButtonEvent(x.dpy, 1, True, CurrentTime);
            XTestFakeButtonEvent(x.dpy, 1, False, CurrentTime);
            XFlush(x.dpy);
            t_click[next] = now_ms();
            end_pending = next;
            next++;
        }
        if (end_pending >= 0 && t >= t_click[end_pending] + window) {
            c_end[end_pending] = tree_ticks(pid);
            x_end[end_pending] = xpid ? tree_ticks(xpid) : 0;
            end_pending = -1;
        }
        double wake = stop;
        if (next < n && start + next * every < wake)
            wake = start + next * every;
        if (end_pending >= 0 && t_click[end_pending] + window < wake)
            wake = t_click[end_pending] + window;
        x_wait(&x, wake - now_ms());
        while (XPending(x.dpy)) {
            XEvent ev;
            XNextEvent(x.dpy, &ev);
            if (ev.type != x.dmg_base + XDamageNotify)
                continue;
            double te = now_ms();
            if (te - last_ev > COALESCE_MS && next > 0) {
                if (nf == cap) {
                    cap *= 2;
                    fr = realloc(fr, cap * sizeof *fr);
                    if (!fr)
                        die("out of memory");
                }
                fr[nf++] = (frame_rec){te, next - 1, thread_ns(pid, dec_tid), thread_ns(pid, pid)};
            }
            last_ev = te;
        }
    }
    unsigned long long walk_c1 = tree_ticks(pid), walk_x1 = xpid ? tree_ticks(xpid) : 0;
    unsigned long long walk_s1 = system_busy_ticks();
    double walk_p1 = self_cpu_s();
    unsigned long long walk_q1 = ppid2 ? tree_ticks(ppid2) : 0;
    double walk_t1 = now_ms();
    x_damage_off(&x);

    /* Analysis per group: 0 text, 1 picture, 2 all. */
    const char *gname[3] = {"text", "photo", "all"};
    double *lat[3], *settle[3], *iv[3], *mainms[3];
    int nl[3] = {0}, ni[3] = {0}, late[3] = {0}, late_dec[3] = {0}, dec_ivs[3] = {0}, reveal[3] = {0};
    double cpu_ticks[3] = {0}, xcpu_ticks[3] = {0}, cpu_ms[3] = {0}, frames_n[3] = {0};
    for (int g = 0; g < 3; g++) {
        lat[g] = calloc((size_t)n + 1, sizeof(double));
        settle[g] = calloc((size_t)n + 1, sizeof(double));
        iv[g] = calloc(nf + 1, sizeof(double));
        mainms[g] = calloc(nf + 1, sizeof(double));
    }
    FILE *ft = taps_path ? fopen(taps_path, "w") : NULL, *ff = frames_path ? fopen(frames_path, "w") : NULL;
    if (ft)
        fprintf(ft, "# tap kind latency_ms settle_ms frames max_interval_ms late cpu_ms\n");
    if (ff)
        fprintf(ff, "# tap kind interval_ms decoder_ms main_ms late\n");
    size_t fi = 0;
    for (int i = 0; i < n; i++) {
        int g = kinds[i] == 'p' ? 1 : 0;
        while (fi < nf && fr[fi].tap < i)
            fi++;
        size_t a = fi, b = fi;
        while (b < nf && fr[b].tap == i)
            b++;
        double latency = a < b ? fr[a].t - t_click[i] : -1, st = a < b ? fr[b - 1].t - t_click[i] : -1;
        int tap_late = 0, tap_frames = 0;
        double tap_max = 0;
        for (size_t k = a; k < b; k++) {
            if (fr[k].t - t_click[i] > window) { /* a frame after the transition (a picture fading in...) */
                if (k == a || fr[k - 1].t - t_click[i] <= window) {
                    reveal[g]++;
                    reveal[2]++;
                }
                continue;
            }
            tap_frames++;
            if (k == a)
                continue;
            double d = fr[k].t - fr[k - 1].t;
            double dec = (double)(fr[k].dec_ns - fr[k - 1].dec_ns) / 1e6;
            double mn = (double)(fr[k].main_ns - fr[k - 1].main_ns) / 1e6;
            bool is_late = d > late_ms;
            for (int gi = 0; gi < 2; gi++) {
                int gg = gi ? 2 : g;
                iv[gg][ni[gg]] = d;
                mainms[gg][ni[gg]] = mn;
                ni[gg]++;
                late[gg] += is_late;
                if (dec_tid > 0 && dec > 0.5) {
                    dec_ivs[gg]++;
                    late_dec[gg] += is_late;
                }
            }
            tap_late += is_late;
            if (d > tap_max)
                tap_max = d;
            if (ff)
                fprintf(ff, "%d %c %.2f %.2f %.2f %d\n", i + 1, kinds[i], d, dec_tid > 0 ? dec : -1, mn,
                        is_late);
        }
        double cms = c_end[i] >= c_click[i] ? (double)(c_end[i] - c_click[i]) * 1000.0 / hz : 0;
        for (int gi = 0; gi < 2; gi++) {
            int gg = gi ? 2 : g;
            if (latency >= 0) {
                lat[gg][nl[gg]] = latency;
                settle[gg][nl[gg]] = st;
                nl[gg]++;
            }
            cpu_ticks[gg] += (double)(c_end[i] - c_click[i]);
            xcpu_ticks[gg] += (double)(x_end[i] - x_click[i]);
            cpu_ms[gg] += window;
            frames_n[gg] += tap_frames;
        }
        if (ft)
            fprintf(ft, "%d %c %.1f %.1f %d %.1f %d %.0f\n", i + 1, kinds[i], latency, st, tap_frames,
                    tap_max, tap_late, cms);
    }
    if (ft)
        fclose(ft);
    if (ff)
        fclose(ff);
    FILE *fraw = raw_path ? fopen(raw_path, "w") : NULL;
    if (fraw) {
        fprintf(fraw, "# tap kind ms_since_click decoder_ms_total main_ms_total (every frame of the walk)\n");
        for (size_t k = 0; k < nf; k++)
            fprintf(fraw, "%d %c %.2f %.2f %.2f\n", fr[k].tap + 1, kinds[fr[k].tap],
                    fr[k].t - t_click[fr[k].tap], dec_tid > 0 ? (double)fr[k].dec_ns / 1e6 : -1,
                    (double)fr[k].main_ns / 1e6);
        fclose(fraw);
    }
    char tmp[4096];
    FILE *f = out_open(out, tmp, sizeof tmp);
    fprintf(f, "walk_taps=%d\nwalk_seconds=%.1f\n", n, (walk_t1 - walk_t0) / 1000);
    fprintf(f, "walk_cpu_pct=%.2f\n", (double)(walk_c1 - walk_c0) / hz / ((walk_t1 - walk_t0) / 1000) * 100);
    fprintf(f, "walk_xserver_cpu_pct=%.2f\n",
            xpid ? (double)(walk_x1 - walk_x0) / hz / ((walk_t1 - walk_t0) / 1000) * 100 : -1);
    fprintf(f, "walk_system_cpu_pct=%.2f\n",
            (double)(walk_s1 - walk_s0) / hz / ((walk_t1 - walk_t0) / 1000) * 100);
    double launcher_s = ppid2 ? ((double)(walk_q1 - walk_q0) - (double)(walk_c1 - walk_c0)) / hz : 0;
    fprintf(f, "walk_probe_cpu_pct=%.2f\n",
            (walk_p1 - walk_p0 + launcher_s) / ((walk_t1 - walk_t0) / 1000) * 100);
    fprintf(f, "decoder_thread=%d\n", dec_tid);
    for (int g = 0; g < 3; g++) {
        const char *p = gname[g];
        int taps_g = 0;
        for (int i = 0; i < n; i++)
            taps_g += g == 2 || (kinds[i] == 'p') == (g == 1);
        fprintf(f, "%s_taps=%d\n%s_answered=%d\n", p, taps_g, p, nl[g]);
        fprintf(f, "%s_tap_p50_ms=%.1f\n", p, pct(lat[g], nl[g], 50));
        fprintf(f, "%s_tap_p90_ms=%.1f\n", p, pct(lat[g], nl[g], 90));
        fprintf(f, "%s_tap_max_ms=%.1f\n", p, pct(lat[g], nl[g], 100));
        fprintf(f, "%s_settle_p50_ms=%.1f\n", p, pct(settle[g], nl[g], 50));
        fprintf(f, "%s_settle_max_ms=%.1f\n", p, pct(settle[g], nl[g], 100));
        fprintf(f, "%s_frames_per_transition=%.1f\n", p, taps_g ? frames_n[g] / taps_g : -1);
        fprintf(f, "%s_intervals=%d\n", p, ni[g]);
        fprintf(f, "%s_frame_p50_ms=%.1f\n", p, pct(iv[g], ni[g], 50));
        fprintf(f, "%s_frame_p99_ms=%.1f\n", p, pct(iv[g], ni[g], 99));
        fprintf(f, "%s_frame_max_ms=%.1f\n", p, pct(iv[g], ni[g], 100));
        fprintf(f, "%s_late=%d\n", p, late[g]);
        fprintf(f, "%s_late_pct=%.1f\n", p, ni[g] ? 100.0 * late[g] / ni[g] : -1);
        fprintf(f, "%s_decoder_intervals=%d\n", p, dec_tid > 0 ? dec_ivs[g] : -1);
        fprintf(f, "%s_late_with_decoder=%d\n", p, dec_tid > 0 ? late_dec[g] : -1);
        fprintf(f, "%s_main_ms_per_frame_p50=%.2f\n", p, pct(mainms[g], ni[g], 50));
        fprintf(f, "%s_reveals=%d\n", p, reveal[g]);
        fprintf(f, "%s_transition_cpu_pct=%.1f\n", p,
                cpu_ms[g] > 0 ? cpu_ticks[g] / hz / (cpu_ms[g] / 1000) * 100 : -1);
        fprintf(f, "%s_transition_xserver_cpu_pct=%.1f\n", p,
                xpid && cpu_ms[g] > 0 ? xcpu_ticks[g] / hz / (cpu_ms[g] / 1000) * 100 : -1);
    }
    out_close(f, tmp, out);
    return 0;
}

static int cmd_cpu(int argc, char **argv)
{
    tree_match = arg_str(argc, argv, "--match", NULL);
    int pid = (int)arg_num(argc, argv, "--pid", 0);
    printf("%.2f\n", (double)tree_ticks(pid) / sysconf(_SC_CLK_TCK));
    return 0;
}

static int cmd_shot(int argc, char **argv)
{
    if (argc < 1)
        die("usage: probe shot F.ppm");
    xctx x;
    x_open(&x);
    XImage *img = x_grab(&x);
    screen_stats st = analyze(img);
    printf("edges=%.5f colorful=%.5f\n", st.edges, st.colorful);
    return write_ppm(img, argv[0]) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("usage: probe launch|still|walk|cpu|shot ...");
    const char *c = argv[1];
    argc -= 2;
    argv += 2;
    if (strcmp(c, "launch") == 0)
        return cmd_launch(argc, argv);
    if (strcmp(c, "still") == 0)
        return cmd_still(argc, argv);
    if (strcmp(c, "walk") == 0)
        return cmd_walk(argc, argv);
    if (strcmp(c, "cpu") == 0)
        return cmd_cpu(argc, argv);
    if (strcmp(c, "shot") == 0)
        return cmd_shot(argc, argv);
    die("unknown command");
    return 2;
}
