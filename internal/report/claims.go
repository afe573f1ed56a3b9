package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Claim is a published claim about Go and hardware, and how benchrig's
// rows test it, as the family that judges it declares it.
type Claim struct {
	ID    string
	Text  string // the claim, numbers theirs
	Tests string // the benchrig rows or command that test it
	Would string // what would test it (fully)

	family *Family
	decl   ClaimDecl
}

// ClaimResult is a claim's verdict on one machine.
type ClaimResult struct {
	Claim
	Number  string
	Verdict Verdict
	Rows    []*Row
	Missing string // why the claim is not testable here
}

// Claims are every family's claims, by number.
func Claims() []Claim {
	var cs []Claim
	for _, f := range families() {
		for _, d := range f.Claims {
			cs = append(cs, Claim{ID: d.ID, Text: d.Text, Tests: d.Tests, Would: d.Would, family: f, decl: d})
		}
	}
	slices.SortFunc(cs, func(a, b Claim) int { return cmp.Compare(claimNumber(a.ID), claimNumber(b.ID)) })
	return cs
}

func claimNumber(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "C"))
	return n
}

// Judge gives every claim's verdict on m. A claim without rows on m is
// "not testable here", with what would test it.
func (m *Machine) Judge() []ClaimResult {
	var out []ClaimResult
	for _, c := range Claims() {
		res := ClaimResult{Claim: c, Verdict: NotTestable, Number: "—"}
		if c.decl.Number == "" {
			res.Missing = "no benchrig row measures this"
		} else {
			res.judge(m)
		}
		out = append(out, res)
	}
	return out
}

// ClaimsRun names the run that measures every claim's rows, for a claim
// the files given cannot judge.
const ClaimsRun = "go tool benchrig run -claims measures what every claim needs"

// judge finds the claim's rows on m (the first of its Try sets that m has
// all of, and the Optional rows m has) and runs its templates.
func (res *ClaimResult) judge(m *Machine) {
	f, d := res.family, res.decl
	tries := d.Try
	if len(d.Rows) > 0 {
		tries = [][][]string{d.Rows}
	}
	var rows []*Row
	var first missingRow
	for i, want := range tries {
		var missing missingRow
		if rows, missing = m.rowsOf(f, want); rows != nil {
			break
		}
		if i == 0 {
			first = missing
		}
	}
	if rows == nil {
		res.Missing = fmt.Sprintf("%s: %s", f.Benchmark, first.skip)
		if d.Hint != "" {
			res.Missing += " (" + d.Hint + ")"
		}
		res.Missing += "; " + ClaimsRun
		return
	}
	if len(d.Optional) > 0 {
		if opt, _ := m.rowsOf(f, d.Optional, rows[0]); opt != nil {
			rows = append(rows, opt...)
		}
	}
	num, err := f.say(d.ID+" number", rows)
	if err == nil {
		var holds string
		if holds, err = f.say(d.ID+" holds", rows); err == nil && holds != "true" && holds != "false" {
			err = fmt.Errorf("%s: its holds template said %q, not true or false", f.file, holds)
		}
		if err == nil {
			res.Number, res.Verdict, res.Rows = num, verdictOf(holds == "true"), rows
			return
		}
	}
	res.Missing = "the rows' numbers cannot judge it: " + err.Error()
}

// missingRow is the first wanted row a machine lacks, and why.
type missingRow struct {
	want []string
	skip string // the run's skip reason, or "not run"
}

// rowsOf finds every wanted row of f on m, the later ones (and all of
// them, given scale) at the first one's scale; when one is absent it
// returns nil and which.
func (m *Machine) rowsOf(f *Family, wants [][]string, scale ...*Row) ([]*Row, missingRow) {
	var rows []*Row
	for i, want := range wants {
		if i > 0 {
			want = f.sameScale(want, rows[0])
		} else if len(scale) > 0 {
			want = f.sameScale(want, scale[0])
		}
		r := m.find(f, want...)
		if r == nil {
			return nil, missingRow{want, m.skipFor(f, want...)}
		}
		rows = append(rows, r)
	}
	return rows, missingRow{}
}
