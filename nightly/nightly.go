package nightly

import (
	"context"
	"fmt"
	"time"

	"fulfil/datasets"
	"fulfil/solver"
	"fulfil/solver/alloc"
	"fulfil/solver/stock"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

// Options configures each stage. DefaultOptions returns the tuned set.
type Options struct {
	Alloc   alloc.Options      `json:"alloc"`
	Routing vrp.Options        `json:"routing"`
	Waves   wave.Options       `json:"waves"`
	Stock   stock.BatchOptions `json:"stock"`
	// CostPerUnitKm prices shipping one unit one kilometre (great circle)
	// in the allocation's integer money unit.
	CostPerUnitKm float64 `json:"cost_per_unit_km"`
	// Cart is the pick cart of every warehouse; Times its time model.
	Cart  wave.Cart      `json:"cart"`
	Times wave.TimeModel `json:"times"`
	// LeadTimeDays and LeadTimeSDDays describe replenishment from the
	// supplier to a warehouse; CasePack rounds order quantities.
	LeadTimeDays   float64 `json:"lead_time_days"`
	LeadTimeSDDays float64 `json:"lead_time_sd_days"`
	CasePack       float64 `json:"case_pack"`
}

// DefaultOptions: allocation with a non-home penalty and split repair,
// a 10 s routing search, pick-by-order waves on a 6-bin cart, and a 95 %
// cycle service level with a 2-day lead time.
func DefaultOptions() Options {
	a := alloc.DefaultOptions()
	a.NonHomePenalty = 20
	r := vrp.DefaultOptions()
	r.TimeLimitS = 10
	return Options{
		Alloc:         a,
		Routing:       r,
		Waves:         wave.DefaultOptions(),
		Stock:         stock.DefaultBatchOptions(),
		CostPerUnitKm: 10,
		Cart: wave.Cart{Bins: 6, BinVolumeCm3: 150_000, VolumeCm3: 900_000,
			WeightG: 300_000},
		Times:          wave.TimeModel{WalkMPerS: 1, PickSPerLine: 8, PickSPerUnit: 2, SetupSPerBatch: 60},
		LeadTimeDays:   2,
		LeadTimeSDDays: 0.5,
		CasePack:       6,
	}
}

// Plan is one night's plan.
type Plan struct {
	Allocation *alloc.Output `json:"allocation"`
	// Deliveries are the allocation's shipments, one per pickup point and
	// warehouse; Routing.Stops[i] of the routing input is Deliveries[i].
	Deliveries []datasets.Delivery `json:"deliveries"`
	Routing    *vrp.Output         `json:"routing"`
	// Waves holds each warehouse's wave plan, in warehouse order.
	Waves []WarehouseWaves `json:"waves"`
	// Replenishment is the (R,S) policy and water level of every SKU at
	// every warehouse, after tonight's shipments.
	Replenishment []stock.RowResult `json:"replenishment"`
	Stats         solver.Stats      `json:"stats"`
}

// WarehouseWaves is one warehouse's picking plan.
type WarehouseWaves struct {
	Warehouse string       `json:"warehouse"`
	Plan      *wave.Output `json:"plan"`
	// Unrouted lists pickup points whose goods from this warehouse no truck
	// carries tonight, so they are not picked.
	Unrouted []string `json:"unrouted,omitempty"`
}

// Run plans the night of s: allocation, routing, waves, replenishment, each
// checked by its solver's validator. ctx bounds the whole run; each stage
// also keeps its own time limit.
func Run(ctx context.Context, s *datasets.Scenario, opt Options) (*Plan, error) {
	start := time.Now()
	p := &Plan{}

	ain, err := allocationInput(s, opt.CostPerUnitKm)
	if err != nil {
		return nil, fmt.Errorf("building the allocation: %w", err)
	}
	if p.Allocation, err = alloc.Allocate(ctx, ain, opt.Alloc); err != nil { // checks its answer
		return nil, fmt.Errorf("allocating: %w", err)
	}

	p.Deliveries = deliveries(p.Allocation, s)
	rin, err := s.DeliveryInput(p.Deliveries)
	if err != nil {
		return nil, fmt.Errorf("building the routing problem: %w", err)
	}
	if p.Routing, err = vrp.Solve(ctx, rin, opt.Routing); err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	rep, err := vrp.Check(rin, p.Routing)
	if err != nil {
		return nil, fmt.Errorf("checking the routes: %w", err)
	}
	if p.Routing.Feasible && !rep.Feasible {
		return nil, fmt.Errorf("checking the routes: %s", rep.Violations[0])
	}

	for _, w := range s.Warehouses {
		win, unrouted, err := waveInput(s, w, p.Deliveries, rin, p.Routing, opt)
		if err != nil {
			return nil, fmt.Errorf("building the waves of %s: %w", w.ID, err)
		}
		ww := WarehouseWaves{Warehouse: w.ID, Unrouted: unrouted}
		if len(win.Orders) > 0 {
			if ww.Plan, err = wave.Plan(ctx, win, opt.Waves); err != nil { // checks its answer
				return nil, fmt.Errorf("planning the waves of %s: %w", w.ID, err)
			}
		}
		p.Waves = append(p.Waves, ww)
	}

	rows := replenishmentRows(s, p.Allocation, opt)
	if p.Replenishment, err = stock.Batch(ctx, rows, opt.Stock); err != nil {
		return nil, fmt.Errorf("replenishment: %w", err)
	}
	p.Stats = solver.Stats{Stop: solver.StopConverged, RuntimeS: solver.Since(start), Seed: opt.Routing.Seed, Threads: opt.Routing.Threads}
	if err := ctx.Err(); err != nil {
		p.Stats.Stop = solver.ReasonFor(err)
	}
	return p, nil
}
