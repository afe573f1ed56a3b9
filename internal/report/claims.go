package report

import "fmt"

// Claim is a published claim about Go and hardware, and how benchrig's
// rows test it.
type Claim struct {
	ID    string
	Text  string // the claim, numbers theirs
	Tests string // the benchrig rows or command that test it
	Would string // what would test it (fully)
	// judge computes the machine's number and verdict from its rows; nil
	// when no benchrig row measures the claim. It returns no rows when the
	// rows it needs are absent on the machine.
	judge func(m *Machine) (number string, v Verdict, rows []*Row)
}

// ClaimResult is a claim's verdict on one machine.
type ClaimResult struct {
	Claim
	Number  string
	Verdict Verdict
	Rows    []*Row
	Missing string // why the claim is not testable here
}

// Judge gives every claim's verdict on m. A claim without rows on m is
// "not testable here", with what would test it.
func (m *Machine) Judge() []ClaimResult {
	var out []ClaimResult
	for _, c := range Claims {
		res := ClaimResult{Claim: c, Verdict: NotTestable, Number: "—"}
		switch {
		case c.judge == nil:
			res.Missing = "no benchrig row measures this"
		default:
			num, v, rows := c.judge(m)
			if rows == nil {
				res.Missing = num
			} else {
				res.Number, res.Verdict, res.Rows = num, v, rows
			}
		}
		out = append(out, res)
	}
	return out
}

// rowsOf finds every wanted row of family on m, the later ones at the
// first one's size; when one is absent it returns nil and why.
func (m *Machine) rowsOf(family string, wants ...[]string) ([]*Row, string) {
	var rows []*Row
	for i, want := range wants {
		if i > 0 {
			want = sameScale(want, rows[0])
		}
		r := m.find(family, want...)
		if r == nil {
			return nil, fmt.Sprintf("%s: %s", familyBench[family], m.skipFor(family, want...))
		}
		rows = append(rows, r)
	}
	return rows, ""
}

// withRows adapts a judgement of found rows to a claim's judge.
func withRows(family string, wants [][]string, f func(r []*Row) (string, Verdict)) func(m *Machine) (string, Verdict, []*Row) {
	return func(m *Machine) (string, Verdict, []*Row) {
		rows, why := m.rowsOf(family, wants...)
		if rows == nil {
			return why, NotTestable, nil
		}
		num, v := f(rows)
		return num, v, rows
	}
}
