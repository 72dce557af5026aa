package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// ReadReportJSON reads a report written by Report.JSON, so that a run can
// be compared with an earlier one. Null BKS and gaps come back as NaN.
func ReadReportJSON(r io.Reader) (*Report, error) {
	var in struct {
		Set        string  `json:"set"`
		Kind       Kind    `json:"kind"`
		TimeLimitS float64 `json:"time_limit_s"`
		Results    []struct {
			Result
			BKS    *float64 `json:"bks"`
			GapPct *float64 `json:"gap_pct"`
		} `json:"results"`
	}
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("bench: reading a JSON report: %w", err)
	}
	rep := &Report{Set: in.Set, Kind: in.Kind, TimeLimitS: in.TimeLimitS}
	for i, row := range in.Results {
		if row.Instance == "" {
			return nil, fmt.Errorf("bench: reading a JSON report: results[%d].instance: missing", i)
		}
		res := row.Result
		res.BKS, res.GapPct = math.NaN(), math.NaN()
		if row.BKS != nil {
			res.BKS = *row.BKS
		}
		if row.GapPct != nil {
			res.GapPct = *row.GapPct
		}
		rep.Results = append(rep.Results, res)
	}
	return rep, nil
}

// MarkdownCompare writes r beside an earlier run of the same instances:
// each instance's cost and gap before and now, the change of gap, and the
// mean gaps of both runs over the instances feasible with a gap in both.
func (r *Report) MarkdownCompare(w io.Writer, before *Report) error {
	prev := make(map[string]Result, len(before.Results))
	for _, res := range before.Results {
		prev[res.Instance] = res
	}
	ew := &errWriter{w: w}
	ew.printf("| instance | BKS | cost before | cost | gap before %% | gap %% | Δ gap | time s |\n")
	ew.printf("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	var sumBefore, sumNow float64
	var both, better, worse int
	for _, res := range r.Results {
		b, ok := prev[res.Instance]
		if !ok {
			b = Result{Cost: math.NaN(), GapPct: math.NaN()}
		}
		delta := math.NaN()
		if ok && b.Feasible && res.Feasible && !math.IsNaN(b.GapPct) && !math.IsNaN(res.GapPct) {
			delta = res.GapPct - b.GapPct
			sumBefore += b.GapPct
			sumNow += res.GapPct
			both++
			switch {
			case delta < -1e-9:
				better++
			case delta > 1e-9:
				worse++
			}
		}
		ew.printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", res.Instance, num(res.BKS, 2), num(b.Cost, 2),
			num(res.Cost, 2), num(b.GapPct, 3), num(res.GapPct, 3), signed(delta, 3), num(res.TimeS, 2))
	}
	if both > 0 {
		ew.printf("\n%d instances in both runs: mean gap %s %% before, %s %% now; %d better, %d worse, %d equal\n",
			both, num(sumBefore/float64(both), 3), num(sumNow/float64(both), 3), better, worse, both-better-worse)
	} else {
		ew.printf("\nno instance has a gap in both runs\n")
	}
	return ew.err
}

func signed(v float64, prec int) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%+.*f", prec, v)
}
