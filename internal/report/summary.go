package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The rubric of the answer to "is this machine good for Go work?": the
// geometric mean, over the dev-loop steps both machines ran, of this
// machine's time over the reference machine's.
const (
	GoodRatio = 1.25 // at most: good for Go work
	FairRatio = 2.0  // at most: usable, noticeably slower; above: slow
)

// Summary is a machine's answers in plain words, one line each: what it
// is compared with, a sentence per headline, whether it is good for Go
// work, the rows measured on a busy machine and the expectations its
// numbers contradict. benchrig run prints it at the end of a run; report.md
// and report.html open with it; the text is the same in all three. The
// other fields hold the same answers as data, for -json.
type Summary struct {
	Machine string
	Lines   []string
	DevLoop DevLoop
	Busy    []string // rows measured on a busy machine, with why
	Flags   []string // contradicted expectations, with the likely cause
}

func (s Summary) String() string { return strings.Join(s.Lines, "\n") + "\n" }

// DevLoop is the answer to "is this machine good for Go work?".
type DevLoop struct {
	Verdict string  // "yes", "usable", "slow", "reference" or "not answered"
	Geomean float64 // of the steps' time ratios to the reference; 0 when not answered
	Steps   []StepResult
	Text    string
}

// StepResult is one dev-loop step on the machine and the reference.
type StepResult struct {
	About   string
	Row     string // the row on this machine
	Here    Stat
	Ratio   Ratio  // this machine's time over the reference's
	Missing string // why it is not compared, when it is not
}

// summarize writes m's summary against ref (m itself when it is the
// reference); refWhy says why ref is the reference.
func summarize(m *Machine, heads []Headline, ref *Machine, refWhy string) Summary {
	s := Summary{Machine: m.Label, DevLoop: answer(m, ref), Busy: busyRows(m), Flags: m.flags()}
	add := func(format string, args ...any) { s.Lines = append(s.Lines, fmt.Sprintf(format, args...)) }
	if m == ref {
		add("Machine %s, the reference machine (%s).", m.Label, refWhy)
	} else {
		add("Machine %s, compared with %s (%s).", m.Label, ref.Label, refWhy)
	}
	for _, in := range m.Interrupted {
		add("Partial: %s; this summary covers what finished.", in)
	}
	ran := map[string]bool{}
	for _, r := range m.Rows {
		ran[r.Family] = true
	}
	var notRun []string
	for _, f := range Families() {
		if !ran[f] {
			notRun = append(notRun, f)
		}
	}
	for _, h := range heads {
		if !ran[h.Family] {
			continue
		}
		busy := ""
		if h.Busy != "" {
			busy = " [busy]"
		}
		add("%s: %s%s", h.Family, h.Text, busy)
	}
	if len(notRun) > 0 {
		add("Not run here: %s.", strings.Join(notRun, ", "))
	}
	add("%s", s.DevLoop.Text)
	if b := busyLine(s.Busy, len(m.Order)); b != "" {
		add("%s", b)
	}
	for _, f := range s.Flags {
		add("Check: %s", f)
	}
	return s
}

// answer says whether m is good for Go work by the rubric, step by step
// against ref, with the step that dominates m's time.
func answer(m, ref *Machine) DevLoop {
	var dl DevLoop
	for _, f := range families() {
		for _, st := range f.DevLoop {
			dl.Steps = append(dl.Steps, compareStep(f, st, m, ref))
		}
	}
	logSum, n, total := 0.0, 0, 0.0
	var parts []string
	var top StepResult
	for _, s := range dl.Steps {
		switch {
		case s.Missing != "":
			parts = append(parts, s.About+" "+s.Missing)
			continue
		case m == ref:
			parts = append(parts, s.About+" "+Value(s.Here.Center, "ns/op"))
		default:
			parts = append(parts, fmt.Sprintf("%s %s (%s)", s.About, fmtRatio(s.Ratio.Center), Value(s.Here.Center, "ns/op")))
		}
		logSum += math.Log(s.Ratio.Center)
		n++
		total += s.Here.Center
		if s.Here.Center > top.Here.Center {
			top = s
		}
	}
	switch {
	case n == 0:
		dl.Verdict = "not answered"
		dl.Text = "Good for Go work? Not answered: " + strings.Join(parts, "; ") + ". Run the default suite (go tool benchrig run) for the dev-loop rows."
	case m == ref:
		dl.Verdict = "reference"
		dl.Text = fmt.Sprintf("Good for Go work? This is the reference machine, the yardstick for the others: %s; %s dominates.", strings.Join(parts, "; "), top.About)
	default:
		dl.Geomean = math.Exp(logSum / float64(n))
		verdict := "Yes"
		dl.Verdict = "yes"
		switch {
		case dl.Geomean > FairRatio:
			verdict, dl.Verdict = "Slow", "slow"
		case dl.Geomean > GoodRatio:
			verdict, dl.Verdict = "Usable, but slower", "usable"
		}
		dl.Text = fmt.Sprintf("Good for Go work? %s: the dev loop takes %s the reference's time (geometric mean of %d steps; yes up to %g×, usable up to %g×): %s. %s dominates here (%s of the %s these steps take).",
			verdict, fmtRatio(dl.Geomean), n, GoodRatio, FairRatio, strings.Join(parts, "; "), capitalize(top.About), Value(top.Here.Center, "ns/op"), Value(total, "ns/op"))
	}
	return dl
}

// compareStep finds the step's row on m, the most realistic one the
// reference also ran at the same scale, and its ratio.
func compareStep(f *Family, st Step, m, ref *Machine) StepResult {
	res := StepResult{About: st.About}
	cands := m.findAll(f, st.Row...)
	if len(cands) == 0 {
		res.Missing = "not run here"
		return res
	}
	for _, r := range cands {
		other := ref.find(f, f.sameScale(st.Row, r)...)
		if other == nil {
			continue
		}
		a, okA := r.stat("ns/op")
		b, okB := other.stat("ns/op")
		if !okA || !okB {
			continue
		}
		res.Row, res.Here, res.Ratio = r.Name, a, ratio(a, b)
		return res
	}
	res.Missing = "not comparable: the reference has no row at this machine's " + strings.Join(f.Scale, "/")
	return res
}

func fmtRatio(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) + "×" }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// busyRows names the rows measured on a busy machine, with why.
func busyRows(m *Machine) []string {
	var names []string
	for _, id := range m.Order {
		if b := m.Rows[id].Busy(); b != "" {
			names = append(names, m.Rows[id].Name+" ("+b+")")
		}
	}
	return names
}

// busyLine says which rows were measured on a busy machine, and what to do.
func busyLine(names []string, rows int) string {
	if len(names) == 0 {
		return ""
	}
	shown := names
	if len(shown) > 3 {
		shown = append(shown[:3:3], fmt.Sprintf("and %d more", len(names)-3))
	}
	return fmt.Sprintf("Busy: %d of %d rows ran while other work used the CPUs, so their numbers are not this machine's: %s. Quiet the machine (close other programs, one benchmark run at a time) and rerun.",
		len(names), rows, strings.Join(shown, "; "))
}

// flags lists the family expectations m's numbers contradict, each with
// its likely cause.
func (m *Machine) flags() []string {
	var out []string
	for _, f := range families() {
		for i, e := range f.Expect {
			rows, _ := m.rowsOf(f, e.Rows)
			if rows == nil {
				continue
			}
			n := "expect " + strconv.Itoa(i)
			holds, err := f.say(n+" holds", rows)
			if err != nil || holds == "true" {
				continue
			}
			why, err := f.say(n+" why", rows)
			if err != nil {
				why = err.Error()
			}
			out = append(out, fmt.Sprintf("%s: %s does not hold here: %s.", f.Name, e.About, why))
		}
	}
	return out
}
