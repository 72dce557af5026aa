package wave

import (
	"slices"
	"strconv"
	"strings"
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
	// TimeLimitS bounds the whole plan in seconds; 0 leaves only ctx. A
	// plan cut short by the deadline keeps the batches found so far.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// Seed makes runs repeatable: same input, seed and Threads give the same
	// plan unless the deadline cuts the search.
	Seed uint64 `json:"seed,omitempty"`
	// Threads plans waves in parallel; 0 means GOMAXPROCS. The plan does not
	// depend on it.
	Threads int `json:"threads,omitempty"`
	// Policy routes every batch; "" means Optimal.
	Policy Policy `json:"policy,omitempty"`
	// Mode is PickByOrder or TotalPick; "" means PickByOrder.
	Mode Mode `json:"mode,omitempty"`
	// WaveBy is "truck" or "pickup_point"; "" means truck when the input has
	// trucks, else pickup point.
	WaveBy string `json:"wave_by,omitempty"`
	// Construction is "seed" (seed batches grown by least added distance),
	// "savings" (Clarke–Wright savings between batches) or "fcfs" (units in
	// order of arrival, next fit: the baseline); "" means seed.
	Construction string `json:"construction,omitempty"`
	// Improvement is "none", "local" (relocate and swap to a local optimum)
	// or "ils" (iterated local search); "" means ils.
	Improvement string `json:"improvement,omitempty"`
	// Iterations is the number of ILS perturbations per wave; 0 means 30.
	Iterations int `json:"iterations,omitempty"`
	// Candidates is how many batches, nearest by shared aisles, a unit may
	// move to in the local search; 0 means 8.
	Candidates int `json:"candidates,omitempty"`
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
	BinGrouping string `json:"bin_grouping,omitempty"`
}

// DefaultOptions returns the tuned set: optimal routing, pick-by-order,
// seed construction and iterated local search, bins cut along the pick
// path, seed 1.
func DefaultOptions() Options {
	return Options{Seed: 1, Policy: Optimal, Mode: PickByOrder, Construction: "seed", Improvement: "ils", Iterations: 30, Candidates: 8, BinGrouping: "zones"}
}

// Validate reports every option out of range, naming each field by its
// wire name ("policy"); Plan and Validate put them under "options".
func (o Options) Validate() error {
	var v solver.Violations
	solver.CheckTimeLimit(&v, "time_limit_s", o.TimeLimitS)
	for _, f := range []struct {
		name string
		val  int
	}{{"threads", o.Threads}, {"iterations", o.Iterations}, {"candidates", o.Candidates}} {
		if f.val < 0 {
			v.Add(f.name, "must be >= 0, got %d", f.val)
		}
	}
	if o.Policy != "" {
		if _, err := ParsePolicy(string(o.Policy)); err != nil {
			v.Add("policy", "unknown policy %q", o.Policy)
		}
	}
	oneOf := func(field, got string, want ...string) {
		if got != "" && !slices.Contains(want, got) {
			v.Add(field, "want %s, got %q", quoteList(want), got)
		}
	}
	oneOf("mode", string(o.Mode), string(PickByOrder), string(TotalPick))
	oneOf("wave_by", o.WaveBy, "truck", "pickup_point")
	oneOf("construction", o.Construction, "seed", "savings", "fcfs")
	oneOf("improvement", o.Improvement, "none", "local", "ils")
	oneOf("bin_grouping", o.BinGrouping, "auto", "orders", "zones")
	return v.Err()
}

// quoteList writes want as `"a", "b" or "c"`.
func quoteList(want []string) string {
	q := make([]string, len(want))
	for i, w := range want {
		q[i] = strconv.Quote(w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// TimeLimit returns TimeLimitS as a duration; 0: no limit.
func (o Options) TimeLimit() time.Duration { return solver.Seconds(o.TimeLimitS) }

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
