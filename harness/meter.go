package harness

import (
	"fmt"
	"os"
	"testing"

	"github.com/benchrig/benchrig/internal/platform"
)

// Scope selects whose resource usage a Meter counts. Its values are
// platform.Getrusage's, so no table translates one into the other.
type Scope platform.Who

const (
	// Thread counts the calling OS thread only (RUSAGE_THREAD). The caller
	// must hold runtime.LockOSThread from Start until Stop.
	Thread = Scope(platform.Thread)
	// Process counts the whole process (RUSAGE_SELF).
	Process = Scope(platform.Self)
	// Children counts waited-for child processes (RUSAGE_CHILDREN).
	Children = Scope(platform.Children)
)

func (s Scope) String() string {
	switch s {
	case Thread:
		return "thread"
	case Process:
		return "process"
	case Children:
		return "children"
	}
	return fmt.Sprintf("Scope(%d)", int(s))
}

// Usage is a resource-usage snapshot or delta.
type Usage struct {
	ReadBytes  int64 // ru_inblock * 512: bytes that really came from storage
	WriteBytes int64 // ru_oublock * 512
	MinFlt     int64
	MajFlt     int64
}

// Sub returns u - v.
func (u Usage) Sub(v Usage) Usage {
	return Usage{u.ReadBytes - v.ReadBytes, u.WriteBytes - v.WriteBytes, u.MinFlt - v.MinFlt, u.MajFlt - v.MajFlt}
}

// Add returns u + v.
func (u Usage) Add(v Usage) Usage {
	return Usage{u.ReadBytes + v.ReadBytes, u.WriteBytes + v.WriteBytes, u.MinFlt + v.MinFlt, u.MajFlt + v.MajFlt}
}

// blockSize is the unit of ru_inblock and ru_oublock on Linux.
const blockSize = 512

func fromRusage(r platform.Rusage) Usage {
	return Usage{r.Inblock * blockSize, r.Oublock * blockSize, r.Minflt, r.Majflt}
}

// GetUsage returns the current usage for scope.
func GetUsage(s Scope) (Usage, error) {
	if s != Thread && s != Process && s != Children {
		return Usage{}, fmt.Errorf("harness.GetUsage: unknown scope %v; use Thread, Process or Children", s)
	}
	r, err := platform.Getrusage(platform.Who(s))
	if err != nil {
		return Usage{}, err
	}
	return fromRusage(r), nil
}

// ProcessUsage returns the usage of one finished child (including its own
// waited-for descendants), from ps.SysUsage().
func ProcessUsage(ps *os.ProcessState) (Usage, error) {
	if ps == nil {
		return Usage{}, fmt.Errorf("harness.ProcessUsage: nil ProcessState; call it after cmd.Wait or cmd.Run")
	}
	r, err := platform.SysRusage(ps.SysUsage())
	if err != nil {
		return Usage{}, err
	}
	return fromRusage(r), nil
}

// DeviceReads returns the number of read requests completed so far by the
// block device holding dir (/sys/block/<dev>/stat), or an error when the
// device cannot be found (tmpfs, non-Linux). For a partition it counts that
// partition's requests.
func DeviceReads(dir string) (uint64, error) {
	b, err := platform.BlockDevice(dir)
	if err != nil {
		return 0, err
	}
	return platform.DeviceReads(b.StatPath)
}

// Meter accumulates resource usage and device reads over the timed parts of a
// benchmark. Pause and Resume bracket untimed work (mirroring b.StopTimer and
// b.StartTimer), so eviction and setup are not counted.
//
// The device counter is machine-wide: reads by other processes on the same
// device during the timed region count too, so run on a quiet machine.
type Meter struct {
	tb       testing.TB
	scope    Scope
	statPath string // the device's stat file; "" when no device is known
	running  bool
	start    Usage
	startDev uint64
	acc      Usage
	accDev   uint64
	tid      int // the OS thread a Thread-scope meter must stay on
	load     *LoadWatch
}

// StartMeter starts counting usage of scope and device reads of dir's device.
// It skips tb when resource usage cannot be measured on this OS.
func StartMeter(tb testing.TB, s Scope, dir string) *Meter {
	tb.Helper()
	m := &Meter{tb: tb, scope: s}
	if s == Thread {
		tid, err := platform.Gettid()
		if err != nil {
			skipOrFatal(tb, "harness.StartMeter", err)
		}
		m.tid = tid
	}
	if b, err := platform.BlockDevice(dir); err == nil {
		if _, err := platform.DeviceReads(b.StatPath); err == nil {
			m.statPath = b.StatPath
		}
	}
	m.load = WatchLoad(tb)
	m.Resume()
	return m
}

func (m *Meter) sample() (Usage, uint64) {
	m.tb.Helper()
	if m.scope == Thread {
		// RUSAGE_THREAD deltas taken on two different threads are
		// meaningless; refuse them instead of reporting them.
		if tid, err := platform.Gettid(); err != nil || tid != m.tid {
			m.tb.Fatalf("harness.Meter: Thread scope started on thread %d but used on thread %d; call runtime.LockOSThread before StartMeter and keep it until Stop", m.tid, tid)
		}
	}
	u, err := GetUsage(m.scope)
	if err != nil {
		skipOrFatal(m.tb, "harness.Meter", err)
	}
	var d uint64
	if m.statPath != "" {
		if d, err = platform.DeviceReads(m.statPath); err != nil {
			m.tb.Fatalf("harness.Meter: %v", err)
		}
	}
	return u, d
}

// Pause stops counting.
func (m *Meter) Pause() {
	m.tb.Helper()
	if !m.running {
		return
	}
	u, d := m.sample()
	m.acc = m.acc.Add(u.Sub(m.start))
	m.accDev += d - m.startDev
	m.running = false
}

// Resume starts counting again.
func (m *Meter) Resume() {
	m.tb.Helper()
	if m.running {
		return
	}
	m.start, m.startDev = m.sample()
	m.running = true
}

// Stop stops counting; call it right after the timed loop.
func (m *Meter) Stop() {
	m.tb.Helper()
	m.Pause()
}

// Usage returns the accumulated usage.
func (m *Meter) Usage() Usage { return m.acc }

// DeviceReads returns the accumulated device read requests, and false when
// the device is unknown (tmpfs, no block device).
func (m *Meter) DeviceReads() (uint64, bool) { return m.accDev, m.statPath != "" }

// Report reports read-B/op, write-B/op, minflt/op, majflt/op and (when the
// device is known) dev-reads/op, each divided by ops, and the machine's load
// since StartMeter (other-cpus, steal-cpus, other-runs: see
// [LoadWatch.Report]). Call after the loop.
func (m *Meter) Report(b *testing.B, ops int64) {
	b.Helper()
	m.Stop()
	if ops <= 0 {
		b.Fatalf("harness.Meter.Report: ops = %d; pass the number of operations the loop did (b.N)", ops)
	}
	n := float64(ops)
	b.ReportMetric(float64(m.acc.ReadBytes)/n, "read-B/op")
	b.ReportMetric(float64(m.acc.WriteBytes)/n, "write-B/op")
	b.ReportMetric(float64(m.acc.MinFlt)/n, "minflt/op")
	b.ReportMetric(float64(m.acc.MajFlt)/n, "majflt/op")
	if m.statPath != "" {
		b.ReportMetric(float64(m.accDev)/n, "dev-reads/op")
	}
	m.load.Report(b)
}
