/* wallclock: the shell's view of CLOCK_REALTIME for screens in step (issue 17; owned by the sync work):
 * the wall clock in milliseconds, its offset from SDL's monotonic ticks, a timerfd that notices a step
 * (TFD_TIMER_CANCEL_ON_SET), and whether the kernel calls the clock synchronised (adjtimex: STA_UNSYNC,
 * the estimated error and the offset), without chrony's socket.
 *
 * KIOSK_CLOCK_SYNCED=1 in the environment (tests, benchmarks: the machine's clock may be unsynchronised)
 * makes wallclock_state report a synchronised clock; =0 an unsynchronised one. */
#ifndef KIOSK_WALLCLOCK_H
#define KIOSK_WALLCLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool synced;      /* the kernel's STA_UNSYNC is clear (or KIOSK_CLOCK_SYNCED=1) */
    bool overridden;  /* KIOSK_CLOCK_SYNCED decided it */
    long esterror_us; /* estimated error, microseconds (-1: unknown) */
    double offset_ms; /* the kernel's last PLL offset, milliseconds */
} wallclock_state;

int64_t wallclock_now_ms(void);
/* Wall-clock ms minus ticks (SDL_GetTicks64) for a reading taken now. */
int64_t wallclock_offset(uint64_t ticks);
wallclock_state wallclock_sync_state(void);
/* A timerfd that becomes readable (ECANCELED) when the clock is set; -1 when it cannot be made. */
int wallclock_step_open(void);
/* True once per step of the clock since the last call (re-arms the timer). fd -1: false. */
bool wallclock_stepped(int fd);
void wallclock_step_close(int fd);

#endif
