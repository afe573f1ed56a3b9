package modres

import (
	"testing"

	"github.com/benchrig/benchrig/harness"
)

// watchQueue returns a paused watch of the scratch device's request queue
// for the cells whose queue depth the report judges (a cold build: its
// reads come from the device), or nil.
func watchQueue(c benchCase, s *setup) *harness.QueueWatch {
	if c.Tool.Name != "build" || c.Cache != cacheCold {
		return nil
	}
	return harness.WatchQueue(s.Root)
}

// reportQueue reports dev-qd-mean, dev-qd-p99 and other-dev-reads of a
// watched cell, or notes once why it cannot.
func reportQueue(b *testing.B, q *harness.QueueWatch, meter *harness.Meter) {
	b.Helper()
	if q == nil {
		return
	}
	got, err := q.Queue(meter.Usage().ReadBytes)
	if err != nil {
		noteOnce("queue", "dev-qd-mean/dev-qd-p99 not reported: "+err.Error())
		return
	}
	harness.Report(b, got.Mean, "dev-qd-mean")
	harness.Report(b, got.P99, "dev-qd-p99")
	harness.Report(b, got.OtherReads, "other-dev-reads")
}
