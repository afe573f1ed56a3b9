package abrun

import (
	"fmt"
	"io"
	"time"
)

// progress reports "what i of n, elapsed, ETA" lines on w; the ETA is the
// mean time of the steps finished so far times the steps left.
type progress struct {
	w     io.Writer
	what  string
	n     int
	start time.Time
}

func newProgress(w io.Writer, what string, n int) *progress {
	return &progress{w: w, what: what, n: n, start: time.Now()}
}

// step reports before step i (1-based) of n.
func (p *progress) step(i int) {
	el := time.Since(p.start)
	if i <= 1 {
		fmt.Fprintf(p.w, "benchrig: %s %d of %d, elapsed %s, ETA unknown until it ends\n", p.what, i, p.n, dur(el))
		return
	}
	eta := el / time.Duration(i-1) * time.Duration(p.n-i+1)
	fmt.Fprintf(p.w, "benchrig: %s %d of %d, elapsed %s, ETA %s\n", p.what, i, p.n, dur(el), dur(eta))
}

// done reports the end.
func (p *progress) done() {
	fmt.Fprintf(p.w, "benchrig: finished, %d %ss in %s\n", p.n, p.what, dur(time.Since(p.start)))
}

// dur formats d as 1m05s (whole seconds).
func dur(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%dm%02ds", s/60, s%60)
}
