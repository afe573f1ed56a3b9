package history

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"

	"golang.org/x/perf/benchfmt"

	"github.com/benchrig/benchrig/internal/resultfile"
)

// seriesKey identifies a series: a row (package and name) in one unit.
type seriesKey struct{ pkg, name, unit string }

// parsed is what the store keeps of one result file.
type parsed struct {
	machine, benchrig string
	config            map[string]string // the first value of each file config key
	order             []seriesKey       // series in file order
	values            map[seriesKey][]float64
}

// parse reads a result file through the result-file reader and keeps its
// samples. It refuses what the reader refuses, an interrupted run, a file
// without a machine: line and one with more than one machine.
func parse(name string, data []byte) (*parsed, error) {
	p := &parsed{config: map[string]string{}, values: map[seriesKey][]float64{}}
	r := resultfile.NewReader(bytes.NewReader(data), name)
	var errs []error
	machines := map[string]bool{}
	for r.Scan() && len(errs) < 10 {
		switch rec := r.Record().(type) {
		case *resultfile.Error:
			errs = append(errs, rec)
		case *resultfile.Interrupted:
			errs = append(errs, fmt.Errorf("%s:%d: the run was interrupted (%s: %s): its last benchmark has no result; rerun it before adding it to the history", rec.File, rec.Line, resultfile.InterruptedKey, rec.Signal))
		case *benchfmt.Result:
			p.add(rec)
			machines[string(rec.GetConfig("machine"))] = true
		}
	}
	if err := r.Err(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	delete(machines, "")
	switch ms := slices.Sorted(maps.Keys(machines)); {
	case len(ms) == 0:
		return nil, fmt.Errorf("%s: no machine: config line; the history keeps runs by machine: add the file written by a benchrig run (go test -bench . ./bench/...), or set BENCHRIG_MACHINE when you run", name)
	case len(ms) > 1:
		return nil, fmt.Errorf("%s: results of %d machines (%v) in one file; add one file per machine", name, len(ms), ms)
	default:
		p.machine = ms[0]
	}
	p.benchrig = p.config["benchrig"]
	return p, nil
}

// add keeps one result's config and values.
func (p *parsed) add(res *benchfmt.Result) {
	for _, c := range res.Config {
		if _, ok := p.config[c.Key]; c.File && !ok && len(c.Value) > 0 {
			p.config[c.Key] = string(c.Value)
		}
	}
	pkg, name := string(res.GetConfig("pkg")), resultfile.RowName(res.Name)
	for _, v := range res.Values {
		unit, val := v.OrigUnit, v.OrigValue
		if unit == "" {
			unit, val = v.Unit, v.Value
		}
		k := seriesKey{pkg, name, unit}
		if _, ok := p.values[k]; !ok {
			p.order = append(p.order, k)
		}
		p.values[k] = append(p.values[k], val)
	}
}
