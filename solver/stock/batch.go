package stock

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync/atomic"
	"time"

	"fulfil/solver"
)

// Row is one SKU at one warehouse for Batch: demand either as daily
// history (forecast and classified here) or as a daily mean and standard
// deviation, with the replenishment terms and current stock.
type Row struct {
	SKU       string `json:"sku"`
	Warehouse string `json:"warehouse"`
	// History is daily demand, oldest first. When present it is classified
	// and forecast, and DemandMean and DemandSD must be 0.
	History    []float64 `json:"history,omitempty"`
	DemandMean float64   `json:"demand_mean,omitempty"` // units per day
	DemandSD   float64   `json:"demand_sd,omitempty"`   // units per day
	// Lead time of a replenishment and its standard deviation, days.
	LeadTimeDays   float64 `json:"lead_time_days"`
	LeadTimeSDDays float64 `json:"lead_time_sd_days,omitempty"`
	ReviewDays     float64 `json:"review_days,omitempty"` // 0: BatchOptions.ReviewDays
	// Service target: a cycle service level, a fill rate or costs (at most
	// one); none takes BatchOptions.CycleServiceLevel.
	CycleServiceLevel float64 `json:"cycle_service_level,omitempty"`
	FillRate          float64 `json:"fill_rate,omitempty"`
	// HoldingCost and StockoutCost per unit per day, both > 0, set the
	// cost-optimal service level p/(p+h) instead.
	HoldingCost  float64 `json:"holding_cost,omitempty"`
	StockoutCost float64 `json:"stockout_cost,omitempty"`
	OnHand       float64 `json:"on_hand"`
	OnOrder      float64 `json:"on_order,omitempty"`
	Backorders   float64 `json:"backorders,omitempty"`
	CasePack     float64 `json:"case_pack,omitempty"`
	MinOrder     float64 `json:"min_order,omitempty"`
	// ShelfLifeDays is how long the SKU keeps once it arrives; 0: no
	// limit. Fresh produce caps the order-up-to level at what is expected
	// to sell by then: the stock on hand when an order lands, S − d·L, must
	// last at most ShelfLifeDays, so S <= d·(L + ShelfLifeDays), whatever
	// the service target asks.
	ShelfLifeDays float64 `json:"shelf_life_days,omitempty"`
}

// RowResult is the (R,S) policy of one row and its water-level alert.
// Demand over the protection interval R+L is normal, except for rows whose
// history classifies as intermittent or lumpy: there it is the gamma with
// the same mean and variance, which stays non-negative and skewed.
type RowResult struct {
	SKU       string      `json:"sku"`
	Warehouse string      `json:"warehouse"`
	Class     DemandClass `json:"class,omitempty"`  // from history
	Method    Method      `json:"method,omitempty"` // from history
	// DemandMean and DemandSD are the daily values used (forecast or given).
	DemandMean        float64    `json:"demand_mean"`
	DemandSD          float64    `json:"demand_sd"`
	SafetyStock       float64    `json:"safety_stock"`
	ReorderPoint      float64    `json:"reorder_point"` // d·L + safety stock
	OrderUpTo         float64    `json:"order_up_to"`   // d·(R+L) + safety stock
	InventoryPosition float64    `json:"inventory_position"`
	OrderQuantity     float64    `json:"order_quantity"` // S − position, rounded up to packs
	Level             StockLevel `json:"level"`
	// ShelfLifeCapped is set when the shelf life lowered the order-up-to
	// level (and the reorder point with it if needed) below what the
	// service target asked; CappedServiceLevel is then the cycle service
	// level the capped level gives.
	ShelfLifeCapped    bool    `json:"shelf_life_capped,omitempty"`
	CappedServiceLevel float64 `json:"capped_service_level,omitempty"`
}

// BatchOptions tunes Batch. Zero fields take the defaults shown.
type BatchOptions struct {
	Threads int `json:"threads,omitempty"` // 0: GOMAXPROCS
	// CycleServiceLevel applies to rows that give no target; 0: 0.95.
	CycleServiceLevel float64 `json:"cycle_service_level,omitempty"`
	// ReviewDays applies to rows that give none; 0: 1 (daily review).
	ReviewDays float64 `json:"review_days,omitempty"`
	// SeasonLength of the day-of-week season in history; 0: 7; 1: none.
	SeasonLength int `json:"season_length,omitempty"`
}

// DefaultBatchOptions: all cores, 95 % cycle service level, daily review,
// weekly season.
func DefaultBatchOptions() BatchOptions {
	return BatchOptions{CycleServiceLevel: 0.95, ReviewDays: 1, SeasonLength: 7}
}

// Validate reports options out of range.
func (o BatchOptions) Validate() error {
	var c check
	if o.Threads < 0 || o.Threads > 1024 {
		c.add("threads", "must be in [0, 1024], got %d", o.Threads)
	}
	if o.CycleServiceLevel != 0 {
		c.open01("cycle_service_level", o.CycleServiceLevel)
	}
	c.nonneg("review_days", o.ReviewDays)
	if o.SeasonLength < 0 || o.SeasonLength > 366 {
		c.add("season_length", "must be in [0, 366], got %d", o.SeasonLength)
	}
	return c.err()
}

// withDefaults fills zero fields.
func (o BatchOptions) withDefaults() BatchOptions {
	d := DefaultBatchOptions()
	if o.Threads == 0 {
		o.Threads = runtime.GOMAXPROCS(0)
	}
	if o.CycleServiceLevel == 0 {
		o.CycleServiceLevel = d.CycleServiceLevel
	}
	if o.ReviewDays == 0 {
		o.ReviewDays = d.ReviewDays
	}
	if o.SeasonLength == 0 {
		o.SeasonLength = d.SeasonLength
	}
	return o
}

// finiteNonneg reports whether x is a finite number >= 0.
func finiteNonneg(x float64) bool { return x >= 0 && x <= math.MaxFloat64 }

// ok is the allocation-free test that validate finds nothing, for the
// common case of a good row.
func (r *Row) ok() bool {
	if len(r.History) > 0 {
		for _, v := range r.History {
			if !finiteNonneg(v) {
				return false
			}
		}
		if r.DemandMean != 0 || r.DemandSD != 0 {
			return false
		}
	} else if !finiteNonneg(r.DemandMean) || !finiteNonneg(r.DemandSD) {
		return false
	}
	if !finiteNonneg(r.LeadTimeDays) || !finiteNonneg(r.LeadTimeSDDays) || !finiteNonneg(r.ReviewDays) ||
		!finiteNonneg(r.OnOrder) || !finiteNonneg(r.Backorders) || !finiteNonneg(r.CasePack) || !finiteNonneg(r.MinOrder) ||
		!finiteNonneg(r.ShelfLifeDays) {
		return false
	}
	if math.IsNaN(r.OnHand) || math.IsInf(r.OnHand, 0) {
		return false
	}
	if r.CycleServiceLevel != 0 && !(r.CycleServiceLevel > 0 && r.CycleServiceLevel < 1) {
		return false
	}
	if r.FillRate != 0 && (!(r.FillRate > 0 && r.FillRate < 1) || r.CycleServiceLevel != 0) {
		return false
	}
	if r.HoldingCost != 0 || r.StockoutCost != 0 {
		if !(r.HoldingCost > 0 && r.StockoutCost > 0) || r.HoldingCost > math.MaxFloat64 || r.StockoutCost > math.MaxFloat64 ||
			r.CycleServiceLevel != 0 || r.FillRate != 0 {
			return false
		}
	}
	return true
}

// validate records every violation of row i, with its field path.
func (r *Row) validate(c *check, i int) {
	f := func(name string) string { return fmt.Sprintf("rows[%d].%s", i, name) }
	if len(r.History) > 0 {
		for j, v := range r.History {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				c.add(f(fmt.Sprintf("history[%d]", j)), "demand must be a finite number >= 0, got %g", v)
				break
			}
		}
		if r.DemandMean != 0 || r.DemandSD != 0 {
			c.add(f("demand_mean"), "must be absent when history is given")
		}
	} else {
		c.nonneg(f("demand_mean"), r.DemandMean)
		c.nonneg(f("demand_sd"), r.DemandSD)
	}
	c.nonneg(f("lead_time_days"), r.LeadTimeDays)
	c.nonneg(f("lead_time_sd_days"), r.LeadTimeSDDays)
	c.nonneg(f("review_days"), r.ReviewDays)
	if r.CycleServiceLevel != 0 {
		c.open01(f("cycle_service_level"), r.CycleServiceLevel)
	}
	if r.FillRate != 0 {
		c.open01(f("fill_rate"), r.FillRate)
		if r.CycleServiceLevel != 0 {
			c.add(f("fill_rate"), "must be absent when cycle_service_level is given")
		}
	}
	if r.HoldingCost != 0 || r.StockoutCost != 0 {
		c.positive(f("holding_cost"), r.HoldingCost)
		c.positive(f("stockout_cost"), r.StockoutCost)
		if r.CycleServiceLevel != 0 || r.FillRate != 0 {
			c.add(f("stockout_cost"), "must be absent when cycle_service_level or fill_rate is given")
		}
	}
	c.finite(f("on_hand"), r.OnHand)
	c.nonneg(f("on_order"), r.OnOrder)
	c.nonneg(f("backorders"), r.Backorders)
	c.nonneg(f("case_pack"), r.CasePack)
	c.nonneg(f("min_order"), r.MinOrder)
	c.nonneg(f("shelf_life_days"), r.ShelfLifeDays)
}

// batchWorker holds one worker's forecasting workspace.
type batchWorker struct {
	fc      *forecaster
	horizon []float64
	zDef    float64
}

// policy computes one row; it allocates nothing for rows without history.
func (w *batchWorker) policy(r *Row, opt *BatchOptions, out *RowResult) {
	out.SKU, out.Warehouse = r.SKU, r.Warehouse
	d, sd := r.DemandMean, r.DemandSD
	rev := r.ReviewDays
	if rev == 0 {
		rev = opt.ReviewDays
	}
	if len(r.History) > 0 {
		n := int(math.Ceil(rev + r.LeadTimeDays))
		if n < 1 {
			n = 1
		}
		if cap(w.horizon) < n {
			w.horizon = make([]float64, n)
		}
		h := w.horizon[:n]
		f := w.fc.fit(r.History, h)
		out.Class, out.Method = f.Class, f.Method
		// Mean daily demand over the protection interval, so that a weekly
		// season in the next days counts.
		s := 0.0
		for _, v := range h {
			s += v
		}
		d, sd = s/float64(n), f.Sigma
	}
	out.DemandMean, out.DemandSD = d, sd
	t := rev + r.LeadTimeDays
	sigma := math.Sqrt(t*sd*sd + d*d*r.LeadTimeSDDays*r.LeadTimeSDDays)
	mean := d * t
	var ss float64
	gammaDemand := (out.Class == ClassIntermittent || out.Class == ClassLumpy) && mean > 0 && sigma > 0
	g := Gamma{Shape: 1, Scale: 1}
	if gammaDemand {
		// Intermittent demand over the protection interval is skewed and
		// non-negative: use the gamma with its mean and variance.
		g = Gamma{Shape: mean * mean / (sigma * sigma), Scale: sigma * sigma / mean}
		var level float64
		switch {
		case r.FillRate != 0:
			level = gammaLossInverse(g, (1-r.FillRate)*d*rev)
		case r.CycleServiceLevel != 0:
			level = g.Quantile(r.CycleServiceLevel)
		case r.StockoutCost != 0:
			level = g.Quantile(criticalRatio(r.HoldingCost, r.StockoutCost))
		default:
			level = g.Quantile(opt.CycleServiceLevel)
		}
		ss = level - mean
	} else {
		var k float64
		switch {
		case r.FillRate != 0 && sigma > 0 && d > 0:
			k = stdLossInverse((1 - r.FillRate) * d * rev / sigma)
		case r.FillRate != 0:
			k = 0
		case r.CycleServiceLevel != 0:
			k = stdQuantile(r.CycleServiceLevel)
		case r.StockoutCost != 0:
			k = stdQuantile(criticalRatio(r.HoldingCost, r.StockoutCost))
		default:
			k = w.zDef
		}
		ss = k * sigma
	}
	out.SafetyStock = ss
	out.ReorderPoint = d*r.LeadTimeDays + ss
	out.OrderUpTo = mean + ss
	if life := r.ShelfLifeDays; life > 0 {
		if limit := d * (r.LeadTimeDays + life); out.OrderUpTo > limit {
			out.OrderUpTo, out.ReorderPoint = limit, min(out.ReorderPoint, limit)
			out.ShelfLifeCapped = true
			switch {
			case gammaDemand:
				out.CappedServiceLevel = g.CDF(limit)
			case sigma > 0:
				out.CappedServiceLevel = stdCDF((limit - mean) / sigma)
			case limit >= mean:
				out.CappedServiceLevel = 1
			}
		}
	}
	pos := r.OnHand + r.OnOrder - r.Backorders
	out.InventoryPosition = pos
	out.OrderQuantity = roundOrder(out.OrderUpTo-pos, r.CasePack, r.MinOrder)
	out.Level = waterLevel(r.OnHand, pos, ss, out.ReorderPoint)
}

// gammaLossInverse returns the level x with E[(X−x)+] = target for gamma X,
// by bisection on the decreasing loss (x from 0 up to mean + 50 sd).
func gammaLossInverse(g Gamma, target float64) float64 {
	lo, hi := 0.0, g.Mean()+50*g.StdDev()
	if g.Loss(lo) <= target {
		return 0
	}
	for range 100 {
		mid := (lo + hi) / 2
		if g.Loss(mid) > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// batchChunk is the number of rows a worker takes at a time.
const batchChunk = 2048

// Batch computes the (R,S) order-up-to policy and water level of every
// row, in parallel over opt.Threads workers; results are in row order and
// do not depend on the thread count. Bad rows give a *solver.InputError
// naming each field (rows[i].field). It stops early with ctx's error. A
// panic in a worker is returned as a *solver.PanicError.
func Batch(ctx context.Context, rows []Row, opt BatchOptions) (_ []RowResult, err error) {
	defer solver.Recover(&err)
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	var c check
	for i := range rows {
		if rows[i].ok() {
			continue
		}
		rows[i].validate(&c, i)
		if c.v.Full() {
			break
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	threads := opt.Threads
	out := make([]RowResult, len(rows))
	var next atomic.Int64
	var wg solver.Group
	zDef := stdQuantile(opt.CycleServiceLevel)
	for range threads {
		wg.Go(func() {
			w := &batchWorker{fc: newForecaster(opt.SeasonLength), zDef: zDef}
			for ctx.Err() == nil {
				lo := int(next.Add(batchChunk)) - batchChunk
				if lo >= len(rows) {
					return
				}
				hi := min(lo+batchChunk, len(rows))
				for i := lo; i < hi; i++ {
					w.policy(&rows[i], &opt, &out[i])
				}
			}
		})
	}
	if err := wg.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type batchIn struct {
	Rows    []Row        `json:"rows"`
	Options BatchOptions `json:"options,omitempty"`
}

type batchResult struct {
	Rows  []RowResult  `json:"rows"`
	Stats solver.Stats `json:"stats"`
}

func batchEval(ctx context.Context, raw []byte, maxThreads int) (any, error) {
	in := new(batchIn)
	if err := decodeInput(raw, in); err != nil {
		return nil, err
	}
	if maxThreads > 0 {
		if in.Options.Threads > maxThreads {
			return nil, solver.Errorf("options.threads", "must be in [0, %d] here, got %d", maxThreads, in.Options.Threads)
		}
		in.Options.Threads = max(1, in.Options.Threads) // capped callers share the cores

	}
	start := time.Now()
	res, err := Batch(ctx, in.Rows, in.Options)
	if err != nil {
		return nil, err
	}
	th := in.Options.withDefaults().Threads
	return &batchResult{Rows: res, Stats: solver.Stats{Stop: solver.StopConverged, Iterations: int64(len(res)), RuntimeS: solver.Since(start), Threads: th}}, nil
}
