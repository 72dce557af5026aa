package alloc

import (
	"time"

	"fulfil/solver"
)

// Options tune Allocate.
type Options struct {
	// Nearest links each pickup point to its Nearest cheapest warehouses
	// (plus its home). 0: to every warehouse.
	Nearest int `json:"nearest,omitempty"`
	// NonHomePenalty is added per unit shipped from a warehouse other than
	// the pickup point's home. 0: no preference.
	NonHomePenalty int64 `json:"non_home_penalty,omitempty"`
	// UnmetPenalty is the cost per unit short at pickup points that set none.
	// It must be positive; make it exceed any transport cost.
	UnmetPenalty int64 `json:"unmet_penalty,omitempty"`
	// SafetyPenalty is charged per unit drawn from safety stock. 0: safety
	// stock is ordinary stock.
	SafetyPenalty int64 `json:"safety_penalty,omitempty"`
	// HoldSafety keeps safety stock out of the allocation entirely.
	HoldSafety bool `json:"hold_safety,omitempty"`
	// SplitPenalty is charged per (SKU, pickup point) served from more than
	// one warehouse, and splits are repaired when that pays. 0: splits are
	// free and not repaired.
	SplitPenalty int64 `json:"split_penalty,omitempty"`
	// TimeLimitS bounds the whole solve in seconds. 0: only ctx limits
	// the run.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// Seed is reported in Stats; the allocation is exact and draws nothing.
	Seed uint64 `json:"seed,omitempty"`
	// Threads solves SKUs in parallel. 0: GOMAXPROCS.
	Threads int `json:"threads,omitempty"`
}

// maxMoney bounds per-unit costs and penalties, and maxUnits bounds unit
// counts, so that no product of the two overflows int64.
const (
	maxMoney int64 = 1_000_000_000
	maxUnits int64 = 1_000_000_000
)

// DefaultOptions returns the tuned set: 8 nearest warehouses, an unmet
// penalty of 10^6 per unit, safety stock drawn at 100 per unit, and a split
// penalty of 200 per extra shipment leg.
func DefaultOptions() Options {
	return Options{
		Nearest:       8,
		UnmetPenalty:  1_000_000,
		SafetyPenalty: 100,
		SplitPenalty:  200,
	}
}

// Validate reports options that cannot be used.
func (o Options) Validate() error {
	var v solver.Violations
	if o.Nearest < 0 {
		v.Add("nearest", "must be >= 0, got %d", o.Nearest)
	}
	for _, f := range []struct {
		name string
		val  int64
	}{{"non_home_penalty", o.NonHomePenalty}, {"safety_penalty", o.SafetyPenalty}, {"split_penalty", o.SplitPenalty}} {
		if f.val < 0 || f.val > maxMoney {
			v.Add(f.name, "must be in [0, %d], got %d", maxMoney, f.val)
		}
	}
	if o.UnmetPenalty <= 0 || o.UnmetPenalty > maxMoney {
		v.Add("unmet_penalty", "must be in [1, %d], got %d", maxMoney, o.UnmetPenalty)
	}
	solver.CheckTimeLimit(&v, "time_limit_s", o.TimeLimitS)
	if o.Threads < 0 {
		v.Add("threads", "must be >= 0, got %d", o.Threads)
	}
	return v.Err()
}

// TimeLimit returns TimeLimitS as a duration; 0: no limit.
func (o Options) TimeLimit() time.Duration { return solver.Seconds(o.TimeLimitS) }
