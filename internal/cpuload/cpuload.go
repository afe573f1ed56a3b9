package cpuload

import (
	"context"
	"time"
)

// Busy returns the fraction (0 to 1) of all CPUs' time during window that
// was neither idle nor waiting for I/O, as the kernel accounts it: user,
// nice, system, irq, softirq and steal.
func Busy(ctx context.Context, window time.Duration) (float64, error) {
	a, err := read()
	if err != nil {
		return 0, err
	}
	t := time.NewTimer(window)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-t.C:
	}
	b, err := read()
	if err != nil {
		return 0, err
	}
	return busy(a, b), nil
}

// times is one sample of the aggregate CPU counters, in clock ticks.
type times struct{ total, idle uint64 }

func busy(a, b times) float64 {
	total := b.total - a.total
	if b.total < a.total || total == 0 {
		return 0
	}
	idle := b.idle - a.idle
	if b.idle < a.idle || idle > total {
		idle = total
	}
	return float64(total-idle) / float64(total)
}
