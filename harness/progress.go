package harness

import (
	"sync"
	"time"
)

// ProgressEvery is how often [Progress] says that a setup step is still
// running.
const ProgressEvery = 10 * time.Second

// Progress notes, every [ProgressEvery] until the returned stop is called,
// that the setup step what is still running and for how long ("# benchrig:
// modres: preparing tree=own: 20s so far"), so a setup of minutes is not
// minutes of silence. A step shorter than ProgressEvery prints nothing.
// stop may be called more than once.
func Progress(what string) (stop func()) {
	start := time.Now()
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(ProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				Note("%s: %s so far", what, now.Sub(start).Round(time.Second))
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
