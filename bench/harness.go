package bench

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"time"

	"fulfil/solver/vrp"
)

// Instance is one problem of a set, with its best-known value when the set
// publishes one.
type Instance struct {
	Name    string  // file stem or index key
	Path    string  // the file to read
	BKS     float64 // best-known objective; NaN when unknown
	Optimal bool    // BKS is proven optimal
	Variant string  // runner-specific variant, such as "two-block"
	// BKSVehicles is the best-known fleet of a hierarchical set (Li &
	// Lim: fewest vehicles, then BKS the distance); 0 otherwise.
	BKSVehicles int
}

// Result is the outcome of one solve.
type Result struct {
	Instance string  `json:"instance"`
	N        int     `json:"n"`
	BKS      float64 `json:"bks"`
	Cost     float64 `json:"cost"`
	GapPct   float64 `json:"gap_pct"`
	TimeS    float64 `json:"time_s"`
	Feasible bool    `json:"feasible"`
	// Vehicles and BKSVehicles are the fleet used and the best-known
	// fleet, on hierarchical sets (Li & Lim); the gap is then on
	// distance.
	Vehicles    int `json:"vehicles,omitempty"`
	BKSVehicles int `json:"bks_vehicles,omitempty"`
	// Detail is a short runner-specific note: routes used, the bound, …
	Detail string `json:"detail,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Runner solves one instance within ctx and reports cost, size, feasibility
// as its validator found it, and a detail. The harness fills in the name,
// BKS, gap and time.
type Runner func(ctx context.Context, inst Instance, opt Options) (Result, error)

// Options configures a benchmark run.
type Options struct {
	Filter    *regexp.Regexp // nil: every instance
	TimeLimit time.Duration  // per instance; 0: the runner's default effort
	Seed      uint64
	Threads   int    // 0: all cores
	Policy    string // picker-routing policy: optimal, sshape, largestgap, combined
	// VRP is the routing solver's tuning (nil: vrp.DefaultOptions); its
	// time limit, seed and threads are replaced by the fields above.
	VRP *vrp.Options
}

// Run solves every instance of set that opt.Filter matches, in order, and
// calls progress (when not nil) after each. A runner error is recorded in
// the result and the run goes on; ctx's cancellation stops the run and
// returns what was measured.
func Run(ctx context.Context, set *Set, opt Options, progress func(Result)) (*Report, error) {
	rep := &Report{Set: set.Name, Kind: set.Kind, TimeLimitS: opt.TimeLimit.Seconds()}
	for _, inst := range set.Instances {
		if opt.Filter != nil && !opt.Filter.MatchString(inst.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("benchmark stopped before %s: %w", inst.Name, err)
		}
		start := time.Now()
		res, err := set.Runner(ctx, inst, opt)
		res.TimeS = time.Since(start).Seconds()
		res.Instance = inst.Name
		res.BKS = inst.BKS
		res.BKSVehicles = inst.BKSVehicles
		res.GapPct = math.NaN()
		if err != nil {
			res.Error = err.Error()
			res.Feasible = false
		} else if !math.IsNaN(inst.BKS) && inst.BKS != 0 {
			res.GapPct = 100 * (res.Cost - inst.BKS) / inst.BKS
		}
		rep.Results = append(rep.Results, res)
		if progress != nil {
			progress(res)
		}
	}
	if len(rep.Results) == 0 {
		return rep, fmt.Errorf("no instance of %s matches the filter", set.Name)
	}
	return rep, nil
}
