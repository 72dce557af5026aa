package nightly

import (
	"context"
	"fmt"
	"time"

	"fulfil/solver"
	"fulfil/solver/alloc"
	"fulfil/solver/stock"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

// Options configures each stage. DefaultOptions returns the tuned set.
type Options struct {
	Alloc   alloc.Options `json:"alloc"`
	Routing vrp.Options   `json:"routing"`
	// MaxTrips caps each truck's trips in the routing: a truck back at its
	// warehouse reloads (Warehouse.ReloadS) and leaves again when the
	// fleet is short. 0 or 1: one trip per truck.
	MaxTrips int                `json:"max_trips"`
	Waves    wave.Options       `json:"waves"`
	Stock    stock.BatchOptions `json:"stock"`
	// CostPerUnitKm prices shipping one unit one kilometre (great circle)
	// in the allocation's integer cost unit, which weighs transport against
	// its penalties only.
	CostPerUnitKm float64 `json:"cost_per_unit_km"`
	// Cart is the pick cart of every warehouse; Times its time model.
	Cart  wave.Cart      `json:"cart"`
	Times wave.TimeModel `json:"times"`
	// Yellow, Orange and Red are the deviation-alert thresholds, as shares
	// (0.1 is 10 %).
	Yellow float64 `json:"yellow"`
	Orange float64 `json:"orange"`
	Red    float64 `json:"red"`
}

// DefaultOptions: allocation with a non-home penalty and split repair,
// a 5 s routing search with up to two trips per truck, pick-by-order
// waves on a 6-bin cart, a 95 % cycle service level, and deviation alerts
// at 10, 30 and 50 %.
func DefaultOptions() Options {
	a := alloc.DefaultOptions()
	a.NonHomePenalty = 20
	r := vrp.DefaultOptions()
	r.TimeLimitS = 5
	return Options{
		Alloc:         a,
		Routing:       r,
		MaxTrips:      2,
		Waves:         wave.DefaultOptions(),
		Stock:         stock.DefaultBatchOptions(),
		CostPerUnitKm: 10,
		Cart: wave.Cart{Bins: 6, BinVolumeCm3: 150_000, VolumeCm3: 900_000,
			WeightG: 300_000},
		Times:  wave.TimeModel{WalkMPerS: 1, PickSPerLine: 8, PickSPerUnit: 2, SetupSPerBatch: 60},
		Yellow: 0.1, Orange: 0.3, Red: 0.5,
	}
}

// Validate reports options out of range, naming the field.
func (o Options) Validate() error {
	var v solver.Violations
	if !(o.CostPerUnitKm >= 0 && o.CostPerUnitKm < 1e6) {
		v.Add("cost_per_unit_km", "must be in [0, 1000000), got %g", o.CostPerUnitKm)
	}
	if o.MaxTrips < 0 || o.MaxTrips > 10 {
		v.Add("max_trips", "must be in [0, 10], got %d", o.MaxTrips)
	}
	if !(0 < o.Yellow && o.Yellow <= o.Orange && o.Orange <= o.Red && o.Red < 100) {
		v.Add("yellow", "thresholds must satisfy 0 < yellow <= orange <= red, got %g, %g, %g", o.Yellow, o.Orange, o.Red)
	}
	if err := v.Err(); err != nil {
		return err
	}
	for _, part := range []struct {
		name string
		err  error
	}{{"alloc", o.Alloc.Validate()}, {"routing", o.Routing.Validate()}, {"waves", o.Waves.Validate()}, {"stock", o.Stock.Validate()}} {
		if part.err != nil {
			return fmt.Errorf("options.%s: %w", part.name, part.err)
		}
	}
	return nil
}

// Plan is one night's plan: each stage's input, answer and check report,
// and the lists built from them (purchase, shortages, alerts).
type Plan struct {
	Name      string `json:"name"`
	Date      string `json:"date"`
	DeadlineS int    `json:"deadline_s"`

	Rules         RulesStage         `json:"rules"`
	Allocation    AllocationStage    `json:"allocation"`
	Routing       RoutingStage       `json:"routing"`
	Waves         []WarehouseWaves   `json:"waves"` // in warehouse order
	Replenishment ReplenishmentStage `json:"replenishment"`

	Purchase  []PurchaseLine `json:"purchase"`
	Shortages []Shortage     `json:"shortages"`
	Alerts    []Alert        `json:"alerts"`
	Headline  Headline       `json:"headline"`
	// Timings is each stage's wall time, in stage order.
	Timings []Timing     `json:"timings"`
	Stats   solver.Stats `json:"stats"`

	in    *Input            // for the task sheets: addresses, names
	units map[string]string // SKU id → unit name
}

// Timing is one stage's wall time.
type Timing struct {
	Stage    string  `json:"stage"`
	RuntimeS float64 `json:"runtime_s"`
}

// CheckReport is what a stage's independent validator found.
type CheckReport struct {
	Passed     bool     `json:"passed"`
	Violations []string `json:"violations,omitempty"`
}

func passed() CheckReport { return CheckReport{Passed: true} }

func failed(err error) CheckReport {
	return CheckReport{Violations: []string{err.Error()}}
}

// Run plans the night of in: group-buy rules, allocation, routing, waves
// with their schedule, replenishment and alerts, each stage checked by its
// solver's validator before the next reads it. ctx bounds the whole run;
// the routing also keeps its own time limit. Bad input gives a
// *solver.InputError naming the field.
func Run(ctx context.Context, in *Input, opt Options) (*Plan, error) {
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := &Plan{Name: in.Name, Date: in.Date, DeadlineS: in.DeadlineS, in: in, units: make(map[string]string, len(in.SKUs))}
	for _, k := range in.SKUs {
		p.units[k.ID] = k.Unit
	}
	ix := newIndex(in)

	mark := time.Now()
	lap := func(stage string) {
		now := time.Now()
		p.Timings = append(p.Timings, Timing{Stage: stage, RuntimeS: now.Sub(mark).Seconds()})
		mark = now
	}
	p.Rules = applyRules(in, ix)
	if !p.Rules.Check.Passed {
		return nil, fmt.Errorf("checking the group-buy rules: %s", p.Rules.Check.Violations[0])
	}
	lap("rules")
	if err := p.allocate(ctx, in, ix, opt); err != nil {
		return nil, err
	}
	lap("allocation")
	if err := p.route(ctx, in, ix, opt); err != nil {
		return nil, err
	}
	lap("routing")
	if err := p.planWaves(ctx, in, ix, opt); err != nil {
		return nil, err
	}
	p.Routing.delay(p.Waves, in)
	lap("waves")
	if err := p.replenish(ctx, in, ix, opt); err != nil {
		return nil, err
	}
	lap("replenishment")
	p.shortages(in, ix)
	p.purchase(in, ix)
	p.alerts(in, ix, opt)
	p.headline(in, ix)
	lap("lists")
	p.Stats = solver.Stats{Stop: solver.StopConverged, RuntimeS: solver.Since(start), Seed: opt.Routing.Seed, Threads: opt.Routing.Threads}
	if err := ctx.Err(); err != nil {
		p.Stats.Stop = solver.ReasonFor(err)
	}
	return p, nil
}

// index maps ids to positions in the input; built once per run.
type index struct {
	sku, warehouse, point, supplier, category, activity map[string]int
}

func newIndex(in *Input) *index {
	m := func(n int, id func(int) string) map[string]int {
		x := make(map[string]int, n)
		for i := range n {
			x[id(i)] = i
		}
		return x
	}
	return &index{
		sku:       m(len(in.SKUs), func(i int) string { return in.SKUs[i].ID }),
		warehouse: m(len(in.Warehouses), func(i int) string { return in.Warehouses[i].ID }),
		point:     m(len(in.PickupPoints), func(i int) string { return in.PickupPoints[i].ID }),
		supplier:  m(len(in.Suppliers), func(i int) string { return in.Suppliers[i].ID }),
		category:  m(len(in.Categories), func(i int) string { return in.Categories[i].ID }),
		activity:  m(len(in.Activities), func(i int) string { return in.Activities[i].ID }),
	}
}
