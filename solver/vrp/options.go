package vrp

import (
	"fmt"
	"time"

	"fulfil/solver"
)

// Options tune Solve. The zero value of each field says what it does;
// DefaultOptions returns the tuned set (HGS-CVRP's published defaults).
type Options struct {
	// TimeLimitS bounds the solve in seconds; 0 leaves only ctx and
	// Iterations.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// Iterations bounds the offspring generated over all workers; 0 means
	// unlimited. With TimeLimitS 0 and no ctx deadline, 0 is replaced by a
	// budget of 20000 so that a solve always ends.
	Iterations int64 `json:"iterations,omitempty"`
	// Seed makes the run repeatable: same input, seed and Threads give the
	// same plan when the run stops on Iterations.
	Seed uint64 `json:"seed,omitempty"`
	// Threads is the number of workers that make offspring in parallel
	// (each generation draws two pairs of parents per worker from the one
	// population); 0 means GOMAXPROCS.
	Threads int `json:"threads,omitempty"`
	// Method is "hgs" (default when empty) or "savings" (the Clarke–Wright
	// baseline with 2-opt and relocate only).
	Method string `json:"method,omitempty"`

	// PopMu is the minimum subpopulation size (HGS μ); 0: 25.
	PopMu int `json:"pop_mu,omitempty"`
	// PopLambda is the generation size (HGS λ); 0: 40.
	PopLambda int `json:"pop_lambda,omitempty"`
	// Elite is the number of elite individuals in biased fitness; 0: 4.
	Elite int `json:"elite,omitempty"`
	// Close is the number of closest individuals in the diversity measure; 0: 5.
	Close int `json:"close,omitempty"`
	// Granular is the neighbour list size of the local search; 0: 20.
	Granular int `json:"granular,omitempty"`
	// TargetFeasible is the share of feasible offspring the penalties aim
	// at; 0: 0.2.
	TargetFeasible float64 `json:"target_feasible,omitempty"`
	// PenaltyEvery is how many offspring pass between penalty updates; 0:
	// by problem size, 100 up to 200 stops and 20000/stops beyond, at least
	// 20, so that large instances, which breed few offspring in a short
	// run, reach feasible penalties in time (see penaltyPeriod).
	PenaltyEvery int `json:"penalty_every,omitempty"`
	// RestartAfter restarts a worker's population after this many offspring
	// without improvement of its best; 0: 20000.
	RestartAfter int `json:"restart_after,omitempty"`
	// Mutations is how many offspring are made by a mutation chain from
	// the best plan (SISR ruin and recreate, sisr.go; see worker.mutant)
	// per offspring made by crossover, at most 1000; 0: 1 without time
	// windows or other time limits and costs, none with; negative: none.
	Mutations float64 `json:"mutations,omitempty"`
	// MutationSteps is the length of a mutation chain, at most 100000;
	// 0: by problem size, a fifth of the stops within [10, 200].
	MutationSteps int `json:"mutation_steps,omitempty"`
	// NoSwapStar turns SWAP* off (for the neighbourhood benchmark).
	NoSwapStar bool `json:"no_swap_star,omitempty"`
	// NoTwoOptStar turns 2-opt* off; NoSwap turns node swaps off;
	// NoTwoOpt turns intra-route 2-opt off (neighbourhood benchmarks).
	NoTwoOptStar bool `json:"no_two_opt_star,omitempty"`
	NoSwap       bool `json:"no_swap,omitempty"`
	NoTwoOpt     bool `json:"no_two_opt,omitempty"`

	// FleetObjective is "cost" (default when empty: fixed, distance and
	// time costs together) or "vehicles_first": the fewest vehicles
	// first, then cost, as the Li & Lim and Solomon tables rank plans.
	FleetObjective string `json:"fleet_objective,omitempty"`

	// Progress, when set, is called from the goroutine that called Solve
	// with each trace point as it is recorded (each improvement of the best
	// feasible plan, and the last point). It must return quickly.
	Progress func(TracePoint) `json:"-"`

	// UseFullLimit makes the search run until TimeLimit, ctx or
	// Iterations ends it, with no shortcut. false (the default): problems
	// of up to 8 stops are solved exactly at once, and larger ones stop,
	// with Stats.Stop "converged", when the best plan has not improved
	// over the last convergedAfter(stops) offspring (see hgs.go), so that
	// small and easy requests answer at once. Benchmarks at a fixed budget
	// and tests of deadlines and cancellation set it.
	UseFullLimit bool `json:"use_full_limit,omitempty"`
}

// DefaultOptions returns the tuned options: HGS with HGS-CVRP's defaults,
// all cores, seed 1, no time limit (callers set one).
func DefaultOptions() Options {
	return Options{
		Seed:           1,
		Method:         "hgs",
		PopMu:          25,
		PopLambda:      40,
		Elite:          4,
		Close:          5,
		Granular:       20,
		TargetFeasible: 0.2,
		RestartAfter:   20000,
	}
}

// Validate reports options out of range, naming the field.
func (o Options) Validate() error {
	var v solver.Violations
	solver.CheckTimeLimit(&v, "time_limit_s", o.TimeLimitS)
	if o.Iterations < 0 {
		v.Add("iterations", "must be >= 0, got %d", o.Iterations)
	}
	if o.Threads < 0 || o.Threads > 256 {
		v.Add("threads", "must be in [0, 256], got %d", o.Threads)
	}
	switch o.Method {
	case "", "hgs", "savings":
	default:
		v.Add("method", "must be \"hgs\" or \"savings\", got %q", o.Method)
	}
	switch o.FleetObjective {
	case "", "cost", "vehicles_first":
	default:
		v.Add("fleet_objective", "must be \"cost\" or \"vehicles_first\", got %q", o.FleetObjective)
	}
	checkInt := func(name string, x, lo, hi int) {
		if x != 0 && (x < lo || x > hi) {
			v.Add(name, "must be 0 or in [%d, %d], got %d", lo, hi, x)
		}
	}
	checkInt("pop_mu", o.PopMu, 2, 10000)
	checkInt("pop_lambda", o.PopLambda, 1, 10000)
	checkInt("elite", o.Elite, 1, 10000)
	checkInt("close", o.Close, 1, 1000)
	checkInt("granular", o.Granular, 1, 1000)
	checkInt("penalty_every", o.PenaltyEvery, 1, 1000000)
	checkInt("mutation_steps", o.MutationSteps, 1, 100000)
	checkInt("restart_after", o.RestartAfter, 1, 1<<30)
	if o.Mutations > 1000 || o.Mutations != o.Mutations {
		v.Add("mutations", "must be at most 1000, got %s", fmt.Sprint(o.Mutations))
	}
	if o.TargetFeasible < 0 || o.TargetFeasible > 1 || o.TargetFeasible != o.TargetFeasible {
		v.Add("target_feasible", "must be in [0, 1], got %s", fmt.Sprint(o.TargetFeasible))
	}
	return v.Err()
}

// TimeLimit returns TimeLimitS as a duration; 0: no limit.
func (o Options) TimeLimit() time.Duration { return solver.Seconds(o.TimeLimitS) }

// withDefaults fills zero tuning fields with the defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Method == "" {
		o.Method = d.Method
	}
	fill := func(p *int, x int) {
		if *p == 0 {
			*p = x
		}
	}
	fill(&o.PopMu, d.PopMu)
	fill(&o.PopLambda, d.PopLambda)
	fill(&o.Elite, d.Elite)
	fill(&o.Close, d.Close)
	fill(&o.Granular, d.Granular)
	fill(&o.RestartAfter, d.RestartAfter)
	if o.TargetFeasible == 0 {
		o.TargetFeasible = d.TargetFeasible
	}
	return o
}

// mutations is the number of mutation chains per crossover offspring:
// Mutations when set, none when negative; by default 1 on problems without
// time (windows, shifts, durations or time costs) and none with: under
// time windows a recreated plan is seldom feasible and the chains cost
// more than they find (Solomon R1, RC1 and RC2 at 4 s: mean gap 0.14 %
// without them, 1.16 % with).
func (o Options) mutations(hasTime bool) float64 {
	switch {
	case o.Mutations < 0:
		return 0
	case o.Mutations > 0:
		return o.Mutations
	case hasTime:
		return 0
	}
	return 1
}

// mutationSteps is the length of a mutation chain for a problem of stops
// stops: long enough on large problems, where a crossover child costs
// tens of milliseconds, and short on small ones, where crossovers are
// cheap and the population's diversity matters more.
func (o Options) mutationSteps(stops int) int {
	if o.MutationSteps > 0 {
		return o.MutationSteps
	}
	return min(max(stops/5, 10), 200)
}
