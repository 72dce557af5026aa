package bench

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Report is the table of one benchmark run.
type Report struct {
	Set        string   `json:"set"`
	Kind       Kind     `json:"kind"`
	TimeLimitS float64  `json:"time_limit_s"`
	Results    []Result `json:"results"`
}

// Summary condenses a report.
type Summary struct {
	Instances  int     `json:"instances"`
	Feasible   int     `json:"feasible"`
	AtBKS      int     `json:"at_bks"`       // cost within 1e-6 of the best-known value
	MeanGapPct float64 `json:"mean_gap_pct"` // over feasible results with a BKS
	MaxGapPct  float64 `json:"max_gap_pct"`
	Worst      string  `json:"worst"` // instance with the largest gap
	MeanTimeS  float64 `json:"mean_time_s"`
	MaxTimeS   float64 `json:"max_time_s"`
	// On hierarchical sets (Li & Lim): feasible results with the
	// best-known fleet, and their mean distance gap.
	SameFleet           int     `json:"same_fleet,omitempty"`
	MeanGapSameFleetPct float64 `json:"mean_gap_same_fleet_pct,omitempty"`
}

// Summary returns the counts, mean and worst gap and times of r.
func (r *Report) Summary() Summary {
	s := Summary{Instances: len(r.Results), MaxGapPct: math.Inf(-1)}
	var gaps int
	for _, res := range r.Results {
		s.MeanTimeS += res.TimeS
		s.MaxTimeS = max(s.MaxTimeS, res.TimeS)
		if !res.Feasible {
			continue
		}
		s.Feasible++
		if math.IsNaN(res.GapPct) {
			continue
		}
		gaps++
		s.MeanGapPct += res.GapPct
		if res.BKSVehicles > 0 && res.Vehicles == res.BKSVehicles {
			s.SameFleet++
			s.MeanGapSameFleetPct += res.GapPct
		}
		if math.Abs(res.Cost-res.BKS) <= 1e-6*math.Max(1, math.Abs(res.BKS)) {
			s.AtBKS++
		}
		if res.GapPct > s.MaxGapPct {
			s.MaxGapPct, s.Worst = res.GapPct, res.Instance
		}
	}
	if gaps > 0 {
		s.MeanGapPct /= float64(gaps)
	} else {
		s.MeanGapPct, s.MaxGapPct = math.NaN(), math.NaN()
	}
	if s.Instances > 0 {
		s.MeanTimeS /= float64(s.Instances)
	}
	if s.SameFleet > 0 {
		s.MeanGapSameFleetPct /= float64(s.SameFleet)
	}
	return s
}

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// Markdown writes r as a Markdown table followed by its summary.
func (r *Report) Markdown(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("| instance | n | BKS | cost | gap %% | time s | feasible | detail |\n")
	ew.printf("|---|---:|---:|---:|---:|---:|---|---|\n")
	for _, res := range r.Results {
		feas := "yes"
		if !res.Feasible {
			feas = "NO"
		}
		detail := res.Detail
		if res.Error != "" {
			detail = "error: " + res.Error
		}
		ew.printf("| %s | %d | %s | %s | %s | %s | %s | %s |\n", res.Instance, res.N,
			num(res.BKS, 2), num(res.Cost, 2), num(res.GapPct, 3), num(res.TimeS, 2), feas, detail)
	}
	s := r.Summary()
	ew.printf("\n%d instances, %d feasible, %d at BKS; mean gap %s %%, worst %s %% (%s); mean time %s s, max %s s\n",
		s.Instances, s.Feasible, s.AtBKS, num(s.MeanGapPct, 3), num(s.MaxGapPct, 3), s.Worst,
		num(s.MeanTimeS, 3), num(s.MaxTimeS, 3))
	if r.Kind == KindPDPTW {
		ew.printf("%d with the best-known fleet; mean distance gap on those %s %%\n", s.SameFleet, num(s.MeanGapSameFleetPct, 3))
	}
	return ew.err
}

// CSV writes r as CSV with a header row.
func (r *Report) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"instance", "n", "bks", "cost", "gap_pct", "time_s", "feasible", "detail", "error"})
	for _, res := range r.Results {
		_ = cw.Write([]string{res.Instance, strconv.Itoa(res.N), num(res.BKS, 6), num(res.Cost, 6),
			num(res.GapPct, 6), num(res.TimeS, 4), strconv.FormatBool(res.Feasible), res.Detail, res.Error})
	}
	cw.Flush()
	return cw.Error()
}

// JSON writes r and its summary as one JSON object. NaN values (unknown BKS
// or gap) are written as null.
func (r *Report) JSON(w io.Writer) error {
	type row struct {
		Result
		BKS    *float64 `json:"bks"`
		GapPct *float64 `json:"gap_pct"`
	}
	ptr := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	rows := make([]row, len(r.Results))
	for i, res := range r.Results {
		rows[i] = row{Result: res, BKS: ptr(res.BKS), GapPct: ptr(res.GapPct)}
	}
	s := r.Summary()
	out := struct {
		Set        string   `json:"set"`
		Kind       Kind     `json:"kind"`
		TimeLimitS float64  `json:"time_limit_s"`
		Results    []row    `json:"results"`
		Instances  int      `json:"instances"`
		Feasible   int      `json:"feasible"`
		AtBKS      int      `json:"at_bks"`
		MeanGapPct *float64 `json:"mean_gap_pct"`
		MaxGapPct  *float64 `json:"max_gap_pct"`
		Worst      string   `json:"worst"`
		MeanTimeS  float64  `json:"mean_time_s"`
	}{r.Set, r.Kind, r.TimeLimitS, rows, s.Instances, s.Feasible, s.AtBKS,
		ptr(s.MeanGapPct), ptr(s.MaxGapPct), s.Worst, s.MeanTimeS}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
