package wave

import (
	"time"

	"fulfil/solver"
)

// Mode is how a wave is picked.
type Mode string

const (
	// PickByOrder (cluster picking): a cart carries bins, each filled for
	// one pickup point.
	PickByOrder Mode = "order"
	// TotalPick picks the wave's total per SKU, then sorts it to the pickup
	// points' slots on a put wall (sort-to-store).
	TotalPick Mode = "total"
)

// Options tune Plan. DefaultOptions returns the tuned set.
type Options struct {
	// TimeLimit bounds the whole plan; 0 leaves only ctx. A plan cut short
	// by the deadline keeps the batches found so far.
	TimeLimit time.Duration `json:"time_limit"`
	// Seed makes runs repeatable: same input, seed and Threads give the same
	// plan unless the deadline cuts the search.
	Seed uint64 `json:"seed"`
	// Threads plans waves in parallel; 0 means GOMAXPROCS. The plan does not
	// depend on it.
	Threads int `json:"threads"`
	// Policy routes every batch; "" means Optimal.
	Policy Policy `json:"policy"`
	// Mode is PickByOrder or TotalPick; "" means PickByOrder.
	Mode Mode `json:"mode"`
	// WaveBy is "truck" or "pickup_point"; "" means truck when the input has
	// trucks, else pickup point.
	WaveBy string `json:"wave_by"`
	// Construction is "seed" (seed batches grown by least added distance),
	// "savings" (Clarke–Wright savings between batches) or "fcfs" (units in
	// order of arrival, next fit: the baseline); "" means seed.
	Construction string `json:"construction"`
	// Improvement is "none", "local" (relocate and swap to a local optimum)
	// or "ils" (iterated local search); "" means ils.
	Improvement string `json:"improvement"`
	// Iterations is the number of ILS perturbations per wave; 0 means 30.
	Iterations int `json:"iterations"`
	// Candidates is how many batches, nearest by shared aisles, a unit may
	// move to in the local search; 0 means 8.
	Candidates int `json:"candidates"`
	// BinGrouping is how pick-by-order fills bins: "orders" packs whole
	// orders of a pickup point into bins (binUnits), "zones" cuts a pickup
	// point's goods into bins along the pick path, splitting orders between
	// bins (zone.go), and "auto" batches each wave both ways and keeps the
	// shorter walk (fewer carts on a tie), at twice the batching time; ""
	// means zones, which walked less than whole orders on every wave
	// measured (bench_test.go: 64 % less on the festival, 26 to 28 % less
	// on the Batching table), with fewer carts or, where the cart weight
	// binds (festival), 2.5 % more. Pickup points that fit in one bin get
	// the same bin either way. Total picking ignores it.
	BinGrouping string `json:"bin_grouping"`
}

// DefaultOptions returns the tuned set: optimal routing, pick-by-order,
// seed construction and iterated local search, bins cut along the pick
// path, seed 1.
func DefaultOptions() Options {
	return Options{Seed: 1, Policy: Optimal, Mode: PickByOrder, Construction: "seed", Improvement: "ils", Iterations: 30, Candidates: 8, BinGrouping: "zones"}
}

// Validate reports options out of range, naming the field.
func (o Options) Validate() error {
	switch {
	case o.TimeLimit < 0:
		return solver.Errorf("options.time_limit", "must be >= 0, got %v", o.TimeLimit)
	case o.Threads < 0:
		return solver.Errorf("options.threads", "must be >= 0, got %d", o.Threads)
	case o.Iterations < 0:
		return solver.Errorf("options.iterations", "must be >= 0, got %d", o.Iterations)
	case o.Candidates < 0:
		return solver.Errorf("options.candidates", "must be >= 0, got %d", o.Candidates)
	}
	if o.Policy != "" {
		if _, err := ParsePolicy(string(o.Policy)); err != nil {
			return solver.Errorf("options.policy", "unknown policy %q", o.Policy)
		}
	}
	switch o.Mode {
	case "", PickByOrder, TotalPick:
	default:
		return solver.Errorf("options.mode", "want \"order\" or \"total\", got %q", o.Mode)
	}
	switch o.WaveBy {
	case "", "truck", "pickup_point":
	default:
		return solver.Errorf("options.wave_by", "want \"truck\" or \"pickup_point\", got %q", o.WaveBy)
	}
	switch o.Construction {
	case "", "seed", "savings", "fcfs":
	default:
		return solver.Errorf("options.construction", "want \"seed\", \"savings\" or \"fcfs\", got %q", o.Construction)
	}
	switch o.Improvement {
	case "", "none", "local", "ils":
	default:
		return solver.Errorf("options.improvement", "want \"none\", \"local\" or \"ils\", got %q", o.Improvement)
	}
	switch o.BinGrouping {
	case "", "auto", "orders", "zones":
	default:
		return solver.Errorf("options.bin_grouping", "want \"auto\", \"orders\" or \"zones\", got %q", o.BinGrouping)
	}
	return nil
}

// withDefaults fills the "" and 0 fields that stand for a default.
func (o Options) withDefaults() Options {
	if o.Policy == "" {
		o.Policy = Optimal
	}
	if o.Mode == "" {
		o.Mode = PickByOrder
	}
	if o.Construction == "" {
		o.Construction = "seed"
	}
	if o.Improvement == "" {
		o.Improvement = "ils"
	}
	if o.Iterations == 0 {
		o.Iterations = 30
	}
	if o.Candidates == 0 {
		o.Candidates = 8
	}
	if o.BinGrouping == "" {
		o.BinGrouping = "zones"
	}
	return o
}
