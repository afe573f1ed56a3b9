package report

import (
	"encoding/json"
	"io"
	"math"
)

// JSONVersion is the version of the schema [Page.JSON] writes (benchrig
// report -json, benchrig run -json). It changes when a field changes
// meaning or goes away; new fields may appear within one version.
// Version 1:
//
//	{"version": 1,
//	 "reference": {"machine": "vm-bhyve-2vcpu-quiet", "why": "…"},
//	 "files": ["mine.txt", …],
//	 "notes": ["…"],                      // comparability and version notes
//	 "machines": [{
//	   "machine": "mine",
//	   "summary": ["Machine mine, …", …], // the summary's lines, as printed
//	   "headlines": [{"family": "directio", "text": "…", "busy": "",
//	                  "rows": [{"name": "DirectIO/…", "stats": [Stat…]}]}],
//	   "good_for_go_work": {"verdict": "yes|usable|slow|reference|not answered",
//	                        "geomean": 1.07,  // 0 when not answered
//	                        "steps": [{"about": "warm go list", "row": "Resolve/…",
//	                                   "here": Stat, "ratio": Ratio, "missing": ""}]},
//	   "claims": [{"id": "C7", "verdict": "holds|does not hold|not testable here",
//	               "number": "…", "missing": "…"}],
//	   "busy": ["row (why)", …],
//	   "flags": ["…", …]}]}
//
// A Stat is {"unit", "median", "lo", "hi", "n"} and a Ratio {"median",
// "lo", "hi"}; lo and hi are null without an interval (fewer than 6 runs).
const JSONVersion = 1

// jsonPage is the JSON document (see JSONVersion).
type jsonPage struct {
	Version   int           `json:"version"`
	Reference jsonRef       `json:"reference"`
	Files     []string      `json:"files"`
	Notes     []string      `json:"notes"`
	Machines  []jsonMachine `json:"machines"`
}

type jsonRef struct {
	Machine string `json:"machine"`
	Why     string `json:"why"`
}

type jsonMachine struct {
	Machine       string         `json:"machine"`
	Summary       []string       `json:"summary"`
	Headlines     []jsonHeadline `json:"headlines"`
	GoodForGoWork jsonDevLoop    `json:"good_for_go_work"`
	Claims        []jsonClaim    `json:"claims"`
	Busy          []string       `json:"busy"`
	Flags         []string       `json:"flags"`
}

type jsonHeadline struct {
	Family string    `json:"family"`
	Text   string    `json:"text"`
	Busy   string    `json:"busy"`
	Rows   []jsonRow `json:"rows"`
}

type jsonRow struct {
	Name  string     `json:"name"`
	Stats []jsonStat `json:"stats"`
}

type jsonStat struct {
	Unit   string   `json:"unit"`
	Median float64  `json:"median"`
	Lo     *float64 `json:"lo"`
	Hi     *float64 `json:"hi"`
	N      int      `json:"n"`
}

type jsonRatio struct {
	Median float64  `json:"median"`
	Lo     *float64 `json:"lo"`
	Hi     *float64 `json:"hi"`
}

type jsonDevLoop struct {
	Verdict string     `json:"verdict"`
	Geomean float64    `json:"geomean"`
	Steps   []jsonStep `json:"steps"`
}

type jsonStep struct {
	About   string    `json:"about"`
	Row     string    `json:"row"`
	Here    jsonStat  `json:"here"`
	Ratio   jsonRatio `json:"ratio"`
	Missing string    `json:"missing"`
}

type jsonClaim struct {
	ID      string `json:"id"`
	Verdict string `json:"verdict"`
	Number  string `json:"number"`
	Missing string `json:"missing"`
}

// JSON writes the page's answers in the schema above.
func (p *Page) JSON(w io.Writer) error {
	out := jsonPage{Version: JSONVersion, Notes: nonNil(p.Data.Notes), Files: []string{}, Machines: []jsonMachine{}}
	if p.Ref != nil {
		out.Reference = jsonRef{p.Ref.Label, p.RefWhy}
	}
	for _, f := range p.Data.Files {
		out.Files = append(out.Files, f.Name)
	}
	for _, m := range p.Machines {
		jm := jsonMachine{Machine: m.Label, Summary: m.Summary.Lines, Busy: nonNil(m.Summary.Busy), Flags: nonNil(m.Summary.Flags),
			GoodForGoWork: jsonDevLoop{Verdict: m.Summary.DevLoop.Verdict, Geomean: m.Summary.DevLoop.Geomean}}
		for _, h := range m.Headlines {
			jh := jsonHeadline{Family: h.Family, Text: h.Text, Busy: h.Busy, Rows: []jsonRow{}}
			for _, r := range h.Rows {
				jr := jsonRow{Name: r.Name}
				for _, u := range r.Units {
					s, _ := r.stat(u)
					jr.Stats = append(jr.Stats, statJSON(s))
				}
				jh.Rows = append(jh.Rows, jr)
			}
			jm.Headlines = append(jm.Headlines, jh)
		}
		for _, s := range m.Summary.DevLoop.Steps {
			jm.GoodForGoWork.Steps = append(jm.GoodForGoWork.Steps, jsonStep{About: s.About, Row: s.Row, Here: statJSON(s.Here),
				Ratio: jsonRatio{s.Ratio.Center, orNull(s.Ratio.Lo), orNull(s.Ratio.Hi)}, Missing: s.Missing})
		}
		for _, c := range m.Claims {
			jm.Claims = append(jm.Claims, jsonClaim{ID: c.ID, Verdict: string(c.Verdict), Number: c.Number, Missing: c.Missing})
		}
		out.Machines = append(out.Machines, jm)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func statJSON(s Stat) jsonStat {
	return jsonStat{Unit: s.Unit, Median: s.Center, Lo: orNull(s.Lo), Hi: orNull(s.Hi), N: s.N}
}

// orNull is x, or nil (JSON null) when x is infinite or NaN.
func orNull(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
