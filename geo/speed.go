package geo

import (
	"fmt"
	"math"
	"slices"
)

// FactorPeriod slows travel over a time interval: a trip, or the part of it
// driven in [StartS, EndS), takes Factor times its free-flow time (2.0:
// twice as slow, 0.5: twice as fast). Times are seconds on one clock, the
// caller's (seconds after a plan's start, or after midnight).
type FactorPeriod struct {
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s"`
	Factor float64 `json:"factor"`
}

// SpeedProfile is a piecewise-constant travel-time factor over the day:
// factor 1 outside its periods. Travel follows Ichoua, Gendreau & Potvin
// (2003): the speed, not the travel time, changes at each breakpoint, so a
// trip that starts in one period and ends in the next covers part of its
// distance at each speed, and leaving later never arrives earlier (FIFO).
// The zero value is free flow.
type SpeedProfile struct {
	// breaks holds the starts of constant pieces and factor their factors:
	// factor[k] applies on [breaks[k], breaks[k+1]), the last to +inf;
	// before breaks[0] the factor is 1.
	breaks []float64
	factor []float64
}

// NewSpeedProfile builds the profile of periods; where periods overlap the
// largest factor applies (the worst of two reports of one jam). Every
// period must have finite times with EndS > StartS and a finite Factor > 0;
// the error names the index of the first that does not.
func NewSpeedProfile(periods []FactorPeriod) (*SpeedProfile, error) {
	var cuts []float64
	for k, p := range periods {
		if !(p.EndS > p.StartS) || math.IsInf(p.StartS, 0) || math.IsInf(p.EndS, 0) {
			return nil, fmt.Errorf("periods[%d]: end_s must be after start_s and both finite, got [%g, %g)", k, p.StartS, p.EndS)
		}
		if !(p.Factor > 0) || math.IsInf(p.Factor, 0) {
			return nil, fmt.Errorf("periods[%d].factor: must be a finite number > 0, got %g", k, p.Factor)
		}
		cuts = append(cuts, p.StartS, p.EndS)
	}
	return fromCuts(cuts, func(t float64) float64 {
		f := 0.0 // factors are > 0: 0 means no period holds t
		for _, p := range periods {
			if p.StartS <= t && t < p.EndS {
				f = max(f, p.Factor)
			}
		}
		if f == 0 {
			return 1
		}
		return f
	}), nil
}

// fromCuts builds the profile that is constant between consecutive cuts,
// with the factor at(c) from each cut c on and 1 before the first.
func fromCuts(cuts []float64, at func(t float64) float64) *SpeedProfile {
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	sp, prev := &SpeedProfile{}, 1.0
	for _, c := range cuts {
		if f := at(c); f != prev {
			sp.breaks, sp.factor = append(sp.breaks, c), append(sp.factor, f)
			prev = f
		}
	}
	return sp
}

// Free reports whether the profile never changes travel times.
func (p *SpeedProfile) Free() bool { return p == nil || len(p.breaks) == 0 }

// FactorAt returns the travel-time factor in force at t.
func (p *SpeedProfile) FactorAt(t float64) float64 {
	_, f, _ := p.pieceAt(t)
	return f
}

// pieceAt returns the start, factor and end of the constant piece holding
// t: [start, end), with start -inf before the first break and end +inf in
// the last piece.
func (p *SpeedProfile) pieceAt(t float64) (start, f, end float64) {
	if p.Free() {
		return math.Inf(-1), 1, math.Inf(1)
	}
	k, found := slices.BinarySearch(p.breaks, t) // breaks[:k] < t
	if found {
		k++
	}
	return p.piece(k - 1)
}

// pieceBefore returns the piece in force just before t, for walking
// backwards: the one holding t - ε.
func (p *SpeedProfile) pieceBefore(t float64) (start, f, end float64) {
	if p.Free() {
		return math.Inf(-1), 1, math.Inf(1)
	}
	k, _ := slices.BinarySearch(p.breaks, t) // breaks[:k] < t
	return p.piece(k - 1)
}

// piece returns piece k: [breaks[k], breaks[k+1]) with factor[k], or for
// k = -1 the free stretch before the first break.
func (p *SpeedProfile) piece(k int) (start, f, end float64) {
	start, f, end = math.Inf(-1), 1, math.Inf(1)
	if k >= 0 {
		start, f = p.breaks[k], p.factor[k]
	}
	if k+1 < len(p.breaks) {
		end = p.breaks[k+1]
	}
	return start, f, end
}

// Arrival returns when a trip of freeS seconds at free flow that leaves at
// departS arrives: in each piece it crosses it covers (end - t) / factor
// free-flow seconds. It is exact, non-decreasing in departS (FIFO), and
// departS + freeS for a free profile.
func (p *SpeedProfile) Arrival(departS, freeS float64) float64 {
	if p.Free() || freeS <= 0 {
		return departS + freeS
	}
	t, left := departS, freeS
	for {
		_, f, end := p.pieceAt(t)
		if math.IsInf(end, 1) || (end-t)/f >= left {
			return t + left*f
		}
		left -= (end - t) / f
		t = end
	}
}

// LatestDeparture returns the latest time a trip of freeS free-flow
// seconds may leave to arrive by arriveS: Arrival's inverse, walking the
// pieces backwards.
func (p *SpeedProfile) LatestDeparture(arriveS, freeS float64) float64 {
	if p.Free() || freeS <= 0 {
		return arriveS - freeS
	}
	t, left := arriveS, freeS
	for {
		start, f, _ := p.pieceBefore(t)
		if math.IsInf(start, -1) || (t-start)/f >= left {
			return t - left*f
		}
		left -= (t - start) / f
		t = start
	}
}

// Max returns the profile whose factor at every time is the larger of p's
// and q's: the factor of a trip between two zones. A nil profile is free
// flow, so the maximum with it lifts factors below 1 to 1.
func (p *SpeedProfile) Max(q *SpeedProfile) *SpeedProfile {
	var cuts []float64
	if p != nil {
		cuts = append(cuts, p.breaks...)
	}
	if q != nil {
		cuts = append(cuts, q.breaks...)
	}
	return fromCuts(cuts, func(t float64) float64 { return max(p.FactorAt(t), q.FactorAt(t)) })
}
