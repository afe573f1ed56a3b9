package report

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary files to Read and the markdown page: they must
// never panic, and a refusal names the file. (Charts are left out: they
// draw numbers, not input text, and gonum's font loading makes each run
// too slow to fuzz.)
func FuzzRead(f *testing.F) {
	for _, p := range append([]string{"testdata/bad/odd.txt", "testdata/bad/malformed.txt"}, machines[3]) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read([]Input{{Name: "fuzz.txt", Data: data}})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		p := &Page{Data: d, Ref: d.Machines[0]}
		for _, m := range d.Machines {
			p.Machines = append(p.Machines, MachineView{Machine: m, Headlines: m.Headlines(), Claims: m.Judge(), Raw: m.raw()})
		}
		for _, fam := range Families() {
			p.Families = append(p.Families, compareFamily(fam, d.Machines, 0))
		}
		var buf bytes.Buffer
		if err := p.Markdown(&buf); err != nil {
			t.Fatal(err)
		}
	})
}
