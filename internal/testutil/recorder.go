// Recorder: a testing.TB that records Skip, Fatal and Error calls instead of
// ending the real test, so a test can check what a precondition helper
// (harness.RequireDisk, harness.Cold, ...) decided and why.

package testutil

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// Recorder records what the code under test asked of its testing.TB. Read
// its fields after Run returns.
type Recorder struct {
	testing.TB // the real test, for everything not recorded (TempDir, Logf, ...)

	mu          sync.Mutex
	SkipReason  string   // the skip message, or "" when there was no skip
	FatalReason string   // the fatal message, or "" when there was no Fatal
	Errors      []string // Error and Errorf messages, in order
}

// Run calls fn with a Recorder on its own goroutine (Skip and Fatal end that
// goroutine with runtime.Goexit, as the testing package does) and returns
// the Recorder when fn has returned or ended.
func Run(t testing.TB, fn func(tb testing.TB)) *Recorder {
	t.Helper()
	r := &Recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r
}

func (r *Recorder) Helper() {}

func (r *Recorder) Skipf(format string, args ...any) {
	r.mu.Lock()
	r.SkipReason = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *Recorder) Skip(args ...any) { r.Skipf("%s", sprintln(args...)) }

func (r *Recorder) SkipNow() { r.Skipf("SkipNow") }

func (r *Recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.FatalReason = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *Recorder) Fatal(args ...any) { r.Fatalf("%s", sprintln(args...)) }

func (r *Recorder) FailNow() { r.Fatalf("FailNow") }

func (r *Recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.Errors = append(r.Errors, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *Recorder) Error(args ...any) { r.Errorf("%s", sprintln(args...)) }

// sprintln formats args as the testing package does for Skip, Fatal and
// Error: fmt.Sprintln without the trailing newline.
func sprintln(args ...any) string {
	s := fmt.Sprintln(args...)
	return s[:len(s)-1]
}
