package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

var machinesCmd = &command{
	name:  "machines",
	args:  "FILE... [-- benchstat flags]",
	short: "benchstat with a column per machine, rows all machines have",
	long: `Machines checks each file (a path, or a label in the results dir) and
prints one benchstat table per benchmark family (pkg) with a column per
machine (the machine: config line; a file without one is labelled by its
path), rows matched across machines although cpu:, kernel and the other
config lines and the -N GOMAXPROCS suffix differ:

	benchstat -table pkg -col machine -row .fullname -ignore .config,/gomaxprocs

Only rows every machine has are shown, so each geomean is over the same
rows. benchstat runs as compare says.

Exit 0, or 2 when an input is unusable (named file:line) or benchstat
fails.
`,
}

func init() { machinesCmd.run = cmdMachines }

func cmdMachines(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet(machinesCmd, stderr)
	names, extra, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usageErr(fs, "want one or more result files")
	}
	files := resolveAll(names)
	if err := checkFiles(files); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "benchrig-machines-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	joined := filepath.Join(tmp, "machines.txt")
	if err := writeCommon(joined, files, labels(names)); err != nil {
		return err
	}
	bsArgs := append([]string{"-table", "pkg", "-col", "machine", "-row", ".fullname", "-ignore", ".config,/gomaxprocs"}, extra...)
	return benchstat(ctx, stdout, stderr, append(bsArgs, joined))
}

var gomaxprocs = regexp.MustCompile(`-[0-9]+$`)

// machineResult is one result and the machine and row it belongs to.
type machineResult struct {
	res     *benchfmt.Result
	machine string
	row     string
}

// writeCommon writes to out the results of files whose row (pkg and name
// without the GOMAXPROCS suffix) every machine has; a file without a
// machine: line is the machine of its label.
func writeCommon(out string, files, labels []string) error {
	var all []machineResult
	var units []*benchfmt.UnitMetadata
	rows := map[string]map[string]bool{} // row -> machines
	machines := map[string]bool{}
	for i, path := range files {
		rs, us, err := readResults(path, labels[i])
		if err != nil {
			return err
		}
		units = append(units, us...)
		for _, r := range rs {
			if rows[r.row] == nil {
				rows[r.row] = map[string]bool{}
			}
			rows[r.row][r.machine], machines[r.machine] = true, true
		}
		all = append(all, rs...)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := benchfmt.NewWriter(f)
	for _, u := range units {
		err = firstErr(err, w.Write(u))
	}
	for _, r := range all {
		if len(rows[r.row]) == len(machines) {
			err = firstErr(err, w.Write(r.res))
		}
	}
	return firstErr(err, f.Close())
}

// readResults reads the results and unit lines of one checked file.
func readResults(path, label string) ([]machineResult, []*benchfmt.UnitMetadata, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var rs []machineResult
	var us []*benchfmt.UnitMetadata
	rd := resultfile.NewReader(f, path)
	for rd.Scan() {
		switch rec := rd.Record().(type) {
		case *benchfmt.Result:
			r := rec.Clone()
			m := r.GetConfig("machine")
			if m == "" {
				// A file config line, which SetConfig does not make.
				m = label
				r.Config = append(r.Config, benchfmt.Config{Key: "machine", Value: []byte(m), File: true})
			}
			row := r.GetConfig("pkg") + "\x00" + gomaxprocs.ReplaceAllString(string(r.Name), "")
			rs = append(rs, machineResult{r, m, row})
		case *benchfmt.UnitMetadata:
			us = append(us, rec)
		}
	}
	if err := rd.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, us, nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
