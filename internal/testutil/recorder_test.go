package testutil

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name            string
		fn              func(tb testing.TB)
		skipped, failed string
		errors          []string
		reachedEnd      bool
	}{
		{"nothing", func(tb testing.TB) {}, "", "", nil, true},
		{"skipf", func(tb testing.TB) { tb.Skipf("no %s here", "disk") }, "no disk here", "", nil, false},
		{"skipnow", func(tb testing.TB) { tb.SkipNow() }, "SkipNow", "", nil, false},
		{"fatal", func(tb testing.TB) { tb.Fatal("broken", 1) }, "", "broken 1", nil, false},
		{"failnow", func(tb testing.TB) { tb.FailNow() }, "", "FailNow", nil, false},
		{"errors-continue", func(tb testing.TB) { tb.Errorf("a %d", 1); tb.Error("b") }, "", "", []string{"a 1", "b"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reached := false
			r := Run(t, func(tb testing.TB) {
				tc.fn(tb)
				reached = true
			})
			assert.Equal(t, tc.skipped, r.SkipReason)
			assert.Equal(t, tc.failed, r.FatalReason)
			assert.Equal(t, tc.errors, r.Errors)
			assert.Equal(t, tc.reachedEnd, reached, "Skip and Fatal must end fn")
		})
	}
}
