package cpuload

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBusyFraction(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b times
		want float64
	}{
		{"half", times{100, 50}, times{200, 100}, 0.5},
		{"idle", times{100, 50}, times{200, 150}, 0},
		{"no ticks", times{100, 50}, times{100, 50}, 0},
		{"counter reset", times{100, 50}, times{10, 5}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, busy(tc.a, tc.b), 1e-9)
		})
	}
}

func TestBusyMeasures(t *testing.T) {
	f, err := Busy(context.Background(), 50*time.Millisecond)
	if err != nil {
		t.Skipf("no CPU load here: %v", err)
	}
	require.GreaterOrEqual(t, f, 0.0)
	assert.LessOrEqual(t, f, 1.0)
}
