package harness

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/benchrig/benchrig/internal/platform"
)

// QueueInterval is how often a [QueueWatch] samples the device's requests
// in flight for its p99.
const QueueInterval = time.Millisecond

// QueueWatch measures the request queue of the block device under a
// directory during the timed parts of a benchmark, from outside the
// processes it measures. Pause and Resume bracket untimed work, as for a
// [Meter].
//
//   - The mean queue depth is exact: the device's time_in_queue counter
//     (ms summed over every request in flight, iostat's aqu-sz numerator)
//     over the wall time.
//   - The p99 is sampled: a goroutine reads the device's inflight file
//     every [QueueInterval] (a sysfs read, a few µs of CPU each time).
//   - The device counts every process: the watch also returns the share
//     of the device's bytes read that the measured processes did not read
//     (from their rusage), so a row whose queue was another process's can
//     be flagged busy.
type QueueWatch struct {
	statPath string
	why      string // why the watch measures nothing; "" when it works

	mu      sync.Mutex
	samples []uint32
	wall    time.Duration
	queueMs uint64
	sectors uint64

	start     time.Time
	startStat platform.DevStat
	stop      chan struct{}
	done      chan struct{}
}

// WatchQueue returns a paused watch of the block device holding dir. It
// measures nothing (Queue says why) when dir has no block device (tmpfs)
// or its stat files cannot be read.
func WatchQueue(dir string) *QueueWatch {
	q := &QueueWatch{}
	b, err := platform.BlockDevice(dir)
	if err == nil {
		_, err = platform.DeviceStat(b.StatPath)
	}
	if err == nil {
		_, err = platform.DeviceInflight(b.StatPath)
	}
	if err != nil {
		q.why = fmt.Sprintf("queue depth of %s's device: %v", dir, err)
		return q
	}
	q.statPath = b.StatPath
	return q
}

// Resume starts a timed part: it reads the device's counters and starts
// sampling. Resume and Pause do nothing on a nil watch.
func (q *QueueWatch) Resume() {
	if q == nil || q.why != "" || q.stop != nil {
		return
	}
	st, err := platform.DeviceStat(q.statPath)
	if err != nil {
		q.why = err.Error()
		return
	}
	q.start, q.startStat = time.Now(), st
	q.stop, q.done = make(chan struct{}), make(chan struct{})
	go q.sample(q.stop, q.done)
}

// sample records the requests in flight every QueueInterval until stop.
func (q *QueueWatch) sample(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(QueueInterval)
	defer t.Stop()
	for {
		n, err := platform.DeviceInflight(q.statPath)
		if err == nil {
			q.mu.Lock()
			q.samples = append(q.samples, uint32(min(n, 1<<31)))
			q.mu.Unlock()
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// Pause ends a timed part: it stops sampling and adds the counters' deltas.
func (q *QueueWatch) Pause() {
	if q == nil || q.stop == nil {
		return
	}
	close(q.stop)
	<-q.done
	q.stop, q.done = nil, nil
	st, err := platform.DeviceStat(q.statPath)
	wall := time.Since(q.start)
	if err != nil {
		q.why = err.Error()
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.wall += wall
	q.queueMs += st.TimeInQueue - q.startStat.TimeInQueue
	q.sectors += st.ReadSectors - q.startStat.ReadSectors
}

// Queue is what a QueueWatch measured over its timed parts.
type Queue struct {
	Mean float64 // mean requests in flight (time_in_queue / wall time)
	P99  float64 // 99th percentile of the sampled requests in flight
	// OtherReads is the share of the bytes the device read that the
	// measured processes did not read: 0 on a quiet machine.
	OtherReads float64
	Samples    int // inflight samples behind P99
}

// Queue returns the queue measured so far, given the bytes the measured
// processes read (a Meter's ReadBytes over the same timed parts), or the
// reason there is none.
func (q *QueueWatch) Queue(ownReadBytes int64) (Queue, error) {
	q.Pause()
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.why != "":
		return Queue{}, fmt.Errorf("%s", q.why)
	case q.wall <= 0 || len(q.samples) == 0:
		return Queue{}, fmt.Errorf("queue depth: nothing was measured")
	}
	s := slices.Clone(q.samples)
	slices.Sort(s)
	out := Queue{
		Mean:    float64(q.queueMs) / (float64(q.wall) / float64(time.Millisecond)),
		P99:     float64(s[min(len(s)-1, len(s)*99/100)]),
		Samples: len(s),
	}
	if dev := int64(q.sectors) * blockSize; dev > 0 {
		out.OtherReads = max(0, float64(dev-ownReadBytes)/float64(dev))
	}
	return out, nil
}
