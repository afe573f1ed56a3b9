package history

import (
	"math"
	"slices"
	"sort"
)

// ChangeOptions are the change-point detector's parameters, named and
// defaulted as Apache Otava's compute_change_points.
type ChangeOptions struct {
	Window    int     // commits per sliding window; 0 means 50
	Alpha     float64 // the largest p-value of a change point; 0 means 0.001
	MinChange float64 // the smallest relative change kept (0.05 = 5%); 0 keeps any
}

func (o ChangeOptions) withDefaults() ChangeOptions {
	if o.Window <= 0 {
		o.Window = 50
	}
	if o.Alpha <= 0 {
		o.Alpha = 0.001
	}
	return o
}

// Change is one change point of a series: the commit at which a new level
// starts.
type Change struct {
	Index      int     // the first commit of the new level
	MeanBefore float64 // the samples' mean from the previous change point (or the start)
	MeanAfter  float64 // the samples' mean up to the next change point (or the end)
	P          float64 // Student's t-test of the two sides
}

// Magnitude is the change's size as Otava measures it: the larger of the
// relative changes forward and backward.
func (c Change) Magnitude() float64 {
	return max(math.Abs(rel(c.MeanAfter, c.MeanBefore)), math.Abs(rel(c.MeanBefore, c.MeanAfter)))
}

// Relative is the change after/before - 1.
func (c Change) Relative() float64 { return rel(c.MeanAfter, c.MeanBefore) }

func rel(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a/b - 1
}

// ChangePoints finds where the level of a series changes: E-Divisive means
// with Student's t-test as significance, in sliding windows, then the merge
// that drops weak change points, as Apache Otava (after Fleming et al.,
// "Hunter") does. commits[i] holds the samples of the i-th commit, oldest
// first; every sample counts, and a change point always falls between two
// commits. Commits without samples are skipped.
func ChangePoints(commits [][]float64, o ChangeOptions) []Change {
	o = o.withDefaults()
	s := newSampleSeries(commits)
	if len(s.starts) < 2 {
		return nil
	}
	weak := s.split(o.Window, firstPass(o.Alpha))
	cps := s.merge(weak, o.Alpha, o.MinChange)
	out := make([]Change, len(cps))
	for i, c := range cps {
		c.Index = s.commit[c.Index]
		out[i] = c
	}
	return out
}

// firstPass is the relaxed p-value of the split step, as Otava sets it.
func firstPass(alpha float64) float64 {
	switch {
	case alpha < 0.05:
		return alpha * 10
	case alpha < 0.5:
		return alpha * 2
	}
	return alpha
}

// sampleSeries is the series of all samples in commit order; a split may
// only fall at the first sample of a commit.
type sampleSeries struct {
	x      []float64
	starts []int     // sample index of each non-empty commit's first sample
	commit []int     // commit (input index) of each position in x; commit[len(x)] = len(commits)
	med    []float64 // each non-empty commit's median
}

// at is the sample index where commit k starts (len(x) past the last).
func (s *sampleSeries) at(k int) int {
	if k >= len(s.starts) {
		return len(s.x)
	}
	return s.starts[k]
}

func newSampleSeries(commits [][]float64) *sampleSeries {
	s := &sampleSeries{}
	for i, c := range commits {
		if len(c) == 0 {
			continue
		}
		s.starts = append(s.starts, len(s.x))
		s.med = append(s.med, median(c))
		for range c {
			s.commit = append(s.commit, i)
		}
		s.x = append(s.x, c...)
	}
	s.commit = append(s.commit, len(commits))
	return s
}

// split runs E-Divisive in windows of window commits, stepping half a
// window (or to the last change point found), and returns the union of the
// change points found at significance alpha, sorted, with their stats over
// the whole series.
func (s *sampleSeries) split(window int, alpha float64) []Change {
	step := max(window/2, 1)
	var idx []int
	for start := 0; start < len(s.starts); {
		end := min(start+window, len(s.starts))
		found := s.divisive(start, end, alpha)
		next := start + step
		for _, f := range found {
			if !slices.Contains(idx, s.starts[f]) {
				idx = append(idx, s.starts[f])
			}
			next = max(next, f)
		}
		start = next
	}
	sort.Ints(idx)
	return s.stats(idx)
}

// divisive is E-Divisive means over commits [c0, c1): it splits the
// segment that holds the best candidate (the largest q-hat over all
// segments between the change points found so far) as long as the t-test
// of the candidate's two sides has p < alpha (corrected for the commits
// the split was picked from). q-hat is computed over the commits' medians,
// the t-test over all their samples. It returns commit indexes.
func (s *sampleSeries) divisive(c0, c1 int, alpha float64) []int {
	w := newWindow(s.med[c0:c1])
	cuts := []int{}
	for {
		bounds := append(append([]int{0}, cuts...), c1-c0)
		best, bestQ := -1, math.Inf(-1)
		for i := 0; i+1 < len(bounds); i++ {
			if tau, q := w.candidate(bounds[i], bounds[i+1]); tau >= 0 && q > bestQ {
				best, bestQ = tau, q
			}
		}
		if best < 0 {
			break
		}
		i := sort.SearchInts(bounds, best)
		lo, mid, hi := s.at(c0+bounds[i-1]), s.at(c0+best), s.at(c0+bounds[i])
		if s.corrected(tTest(s.x[lo:mid], s.x[mid:hi]), lo, hi) >= alpha {
			break
		}
		cuts = append(cuts, best)
		sort.Ints(cuts)
	}
	out := make([]int, len(cuts))
	for i, c := range cuts {
		out[i] = c + c0
	}
	return out
}
