package abrun

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/benchrig/benchrig/internal/platform"
)

func TestBusyFraction(t *testing.T) {
	st := func(busy, idle, steal time.Duration) platform.CPUStat {
		return platform.CPUStat{Busy: busy, Idle: idle, Steal: steal}
	}
	for _, tc := range []struct {
		name string
		a, b platform.CPUStat
		want float64
	}{
		{"half", st(50, 50, 0), st(100, 100, 0), 0.5},
		{"idle", st(50, 50, 0), st(50, 150, 0), 0},
		{"steal counts as used", st(0, 0, 0), st(25, 50, 25), 0.5},
		{"no ticks", st(50, 50, 0), st(50, 50, 0), 0},
		{"counter reset", st(50, 50, 0), st(5, 5, 0), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, busyFraction(tc.a, tc.b), 1e-9)
		})
	}
}

func TestBusyOverMeasures(t *testing.T) {
	f, err := busyOver(context.Background(), 50*time.Millisecond)
	if err != nil {
		t.Skipf("no CPU load here: %v", err)
	}
	require.GreaterOrEqual(t, f, 0.0)
	assert.LessOrEqual(t, f, 1.0)
}
