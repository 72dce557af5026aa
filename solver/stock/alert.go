package stock

import (
	"fmt"
	"math"
	"sort"
)

// Alerts for operators: the stock water level against safety stock and
// reorder point, the deviation of a metric from plan in three colours, and
// near-expiry lots with a promotion suggestion.

// StockLevel is the water level of a SKU at a warehouse, worst first.
type StockLevel string

const (
	LevelStockout          StockLevel = "stockout"            // nothing on hand
	LevelBelowSafetyStock  StockLevel = "below_safety_stock"  // on hand < safety stock
	LevelBelowReorderPoint StockLevel = "below_reorder_point" // inventory position <= reorder point
	LevelOK                StockLevel = "ok"
)

// waterLevel classifies on-hand stock and the inventory position.
func waterLevel(onHand, position, safety, reorder float64) StockLevel {
	switch {
	case onHand <= 0:
		return LevelStockout
	case onHand < safety:
		return LevelBelowSafetyStock
	case position <= reorder:
		return LevelBelowReorderPoint
	}
	return LevelOK
}

// Colour is a deviation alert level.
type Colour string

const (
	ColourNone   Colour = "none"
	ColourYellow Colour = "yellow"
	ColourOrange Colour = "orange"
	ColourRed    Colour = "red"
)

// deviationColour grades |actual − plan|/|plan| against the thresholds
// (yellow <= orange <= red). A deviation within 1e-12 below a threshold
// counts as reaching it, so that 10 % computed in floating point is yellow.
func deviationColour(dev, yellow, orange, red float64) Colour {
	a := math.Abs(dev) + 1e-12
	switch {
	case a >= red:
		return ColourRed
	case a >= orange:
		return ColourOrange
	case a >= yellow:
		return ColourYellow
	}
	return ColourNone
}

type stockLevelIn struct {
	OnHand       float64 `json:"on_hand"`
	OnOrder      float64 `json:"on_order,omitempty"`
	Backorders   float64 `json:"backorders,omitempty"`
	SafetyStock  float64 `json:"safety_stock"`
	ReorderPoint float64 `json:"reorder_point"`
	// OrderUpTo, when > 0, yields a suggested order S − position.
	OrderUpTo    float64 `json:"order_up_to,omitempty"`
	DemandPerDay float64 `json:"demand_per_day,omitempty"`
	CasePack     float64 `json:"case_pack,omitempty"`
	MinOrder     float64 `json:"min_order,omitempty"`
}

type stockLevelResult struct {
	Level             StockLevel `json:"level"`
	Colour            Colour     `json:"colour"`
	InventoryPosition float64    `json:"inventory_position"`
	DaysOfCover       *float64   `json:"days_of_cover,omitempty"`
	SuggestedOrder    float64    `json:"suggested_order"`
}

func stockLevelAlert(in *stockLevelIn) (*stockLevelResult, error) {
	var c check
	c.finite("on_hand", in.OnHand)
	c.nonneg("on_order", in.OnOrder)
	c.nonneg("backorders", in.Backorders)
	c.nonneg("safety_stock", in.SafetyStock)
	c.finite("reorder_point", in.ReorderPoint)
	c.nonneg("order_up_to", in.OrderUpTo)
	c.nonneg("demand_per_day", in.DemandPerDay)
	c.nonneg("case_pack", in.CasePack)
	c.nonneg("min_order", in.MinOrder)
	if c.v.Len() == 0 && in.ReorderPoint < in.SafetyStock {
		c.add("reorder_point", "must be >= safety_stock (%g), got %g", in.SafetyStock, in.ReorderPoint)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	pos := in.OnHand + in.OnOrder - in.Backorders
	r := &stockLevelResult{Level: waterLevel(in.OnHand, pos, in.SafetyStock, in.ReorderPoint), InventoryPosition: pos}
	r.Colour = map[StockLevel]Colour{LevelStockout: ColourRed, LevelBelowSafetyStock: ColourOrange,
		LevelBelowReorderPoint: ColourYellow, LevelOK: ColourNone}[r.Level]
	if in.DemandPerDay > 0 {
		d := math.Max(0, in.OnHand) / in.DemandPerDay
		r.DaysOfCover = &d
	}
	target := in.OrderUpTo
	if target == 0 && r.Level != LevelOK {
		target = in.ReorderPoint
	}
	if r.Level != LevelOK || pos < in.OrderUpTo {
		r.SuggestedOrder = roundOrder(math.Max(0, target-pos), in.CasePack, in.MinOrder)
	}
	return r, nil
}

type deviationMetric struct {
	Name   string  `json:"name"`
	Plan   float64 `json:"plan"`
	Actual float64 `json:"actual"`
}

type deviationIn struct {
	Metrics []deviationMetric `json:"metrics"`
	// Thresholds as fractions of plan; 0 takes the default 0.10, 0.30, 0.50.
	Yellow float64 `json:"yellow,omitempty"`
	Orange float64 `json:"orange,omitempty"`
	Red    float64 `json:"red,omitempty"`
}

type deviationItem struct {
	Name      string  `json:"name"`
	Deviation float64 `json:"deviation"` // (actual − plan)/|plan|
	Colour    Colour  `json:"colour"`
}

type deviationResult struct {
	Metrics []deviationItem `json:"metrics"`
	Worst   Colour          `json:"worst"`
}

func deviationAlert(in *deviationIn) (*deviationResult, error) {
	var c check
	y, o, r := in.Yellow, in.Orange, in.Red
	if y == 0 {
		y = 0.10
	}
	if o == 0 {
		o = 0.30
	}
	if r == 0 {
		r = 0.50
	}
	c.positive("yellow", y)
	c.positive("orange", o)
	c.positive("red", r)
	if c.v.Len() == 0 && !(y <= o && o <= r) {
		c.add("orange", "thresholds must satisfy yellow <= orange <= red, got %g, %g, %g", y, o, r)
	}
	if len(in.Metrics) == 0 {
		c.add("metrics", "must list at least one metric")
	}
	for i, m := range in.Metrics {
		f := fmt.Sprintf("metrics[%d]", i)
		if c.finite(f+".plan", m.Plan) && m.Plan == 0 {
			c.add(f+".plan", "must be non-zero (deviation is relative to plan), got 0")
		}
		c.finite(f+".actual", m.Actual)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	res := &deviationResult{Worst: ColourNone}
	rank := map[Colour]int{ColourNone: 0, ColourYellow: 1, ColourOrange: 2, ColourRed: 3}
	for _, m := range in.Metrics {
		dev := (m.Actual - m.Plan) / math.Abs(m.Plan)
		col := deviationColour(dev, y, o, r)
		res.Metrics = append(res.Metrics, deviationItem{Name: m.Name, Deviation: dev, Colour: col})
		if rank[col] > rank[res.Worst] {
			res.Worst = col
		}
	}
	return res, nil
}

type expiryLot struct {
	LotID    string  `json:"lot_id"`
	Quantity float64 `json:"quantity"`
	DaysLeft int     `json:"days_left"` // sellable days left, today included
}

type expiryIn struct {
	Lots         []expiryLot `json:"lots"`
	DemandPerDay float64     `json:"demand_per_day"`
	DemandSDDay  float64     `json:"demand_sd_per_day,omitempty"` // 0: Poisson demand
	// ThresholdDays is N: lots with days_left <= N are near expiry.
	ThresholdDays int `json:"threshold_days"`
	// MinPromotionUnits: smaller expected leftovers get no promotion; 0: 1.
	MinPromotionUnits float64 `json:"min_promotion_units,omitempty"`
}

type expiryItem struct {
	LotID           string  `json:"lot_id"`
	DaysLeft        int     `json:"days_left"`
	Quantity        float64 `json:"quantity"`
	NearExpiry      bool    `json:"near_expiry"`
	ExpectedUnsold  float64 `json:"expected_unsold"`
	Promote         bool    `json:"promote"`
	PromoteQuantity float64 `json:"promote_quantity"`
	SellThroughProb float64 `json:"sell_through_probability"`
}

type expiryResult struct {
	Lots               []expiryItem `json:"lots"`
	ExpectedWasteTotal float64      `json:"expected_waste_total"`
}

// expiryAlert computes what each lot is expected to leave unsold at its
// expiry when demand takes the first-expiring lot first and each lot's
// leftover is thrown away when it expires, so that later lots then get all
// the demand (an exact FEFO model: pooling the lots would overstate later
// lots' waste). The state is how far demand has eaten into the lots sorted
// by days left, waste counted as eaten: its distribution advances by one
// day's demand (Poisson, or normal with the given sd, on a grid of at most
// maxExpiryStates steps over the total stock), and each lot expiring that
// day leaves E[(end of the lot − state)+] and moves the state past itself.
func expiryAlert(in *expiryIn) (*expiryResult, error) {
	var c check
	if len(in.Lots) == 0 {
		c.add("lots", "must list at least one lot")
	}
	for i, l := range in.Lots {
		f := fmt.Sprintf("lots[%d]", i)
		c.nonneg(f+".quantity", l.Quantity)
		if l.DaysLeft < 0 || l.DaysLeft > maxExpiryDays {
			c.add(f+".days_left", "must be in [0, %d], got %d", maxExpiryDays, l.DaysLeft)
		}
	}
	c.nonneg("demand_per_day", in.DemandPerDay)
	c.nonneg("demand_sd_per_day", in.DemandSDDay)
	if in.ThresholdDays < 0 {
		c.add("threshold_days", "must be >= 0, got %d", in.ThresholdDays)
	}
	c.nonneg("min_promotion_units", in.MinPromotionUnits)
	if err := c.err(); err != nil {
		return nil, err
	}
	minUnits := in.MinPromotionUnits
	if minUnits == 0 {
		minUnits = 1
	}
	idx := make([]int, len(in.Lots))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return in.Lots[idx[a]].DaysLeft < in.Lots[idx[b]].DaysLeft })

	// The grid: one unit per step when quantities are whole and demand is
	// Poisson and the stock is small, else total / maxExpiryStates.
	total, whole := 0.0, in.DemandSDDay == 0
	for _, l := range in.Lots {
		total += l.Quantity
		whole = whole && l.Quantity == math.Trunc(l.Quantity)
	}
	step := 1.0
	if !whole || total > maxExpiryStates {
		step = math.Max(total/maxExpiryStates, 1e-9)
	}
	n := int(math.Round(total / step)) // states 0..n; n: everything gone
	end := make([]int, len(idx))       // per sorted lot: its end on the grid
	cum := 0.0
	for k, i := range idx {
		cum += in.Lots[i].Quantity
		end[k] = min(n, int(math.Round(cum/step)))
	}
	day := dailyDemandGrid(in.DemandPerDay, in.DemandSDDay, step, n)
	pi := make([]float64, n+1)
	next := make([]float64, n+1)
	pi[0] = 1
	res := &expiryResult{Lots: make([]expiryItem, len(in.Lots))}
	k := 0 // next sorted lot to expire
	for t := 0; k < len(idx); t++ {
		if t > 0 {
			clear(next)
			for x, w := range pi {
				if w == 0 {
					continue
				}
				for d, p := range day {
					next[min(n, x+d)] += w * p
				}
			}
			pi, next = next, pi
		}
		for ; k < len(idx) && in.Lots[idx[k]].DaysLeft == t; k++ {
			l := in.Lots[idx[k]]
			e := end[k]
			left, sold := 0.0, 0.0
			for x, w := range pi {
				if x < e {
					left += w * float64(e-x)
				} else {
					sold += w
				}
			}
			for x := range e {
				pi[e] += pi[x]
				pi[x] = 0
			}
			left = math.Min(l.Quantity, left*step)
			it := expiryItem{LotID: l.LotID, DaysLeft: l.DaysLeft, Quantity: l.Quantity, ExpectedUnsold: left,
				NearExpiry: l.DaysLeft <= in.ThresholdDays, SellThroughProb: math.Min(1, sold)}
			if it.NearExpiry && left >= minUnits {
				it.Promote = true
				it.PromoteQuantity = math.Min(l.Quantity, math.Ceil(left-1e-9))
			}
			res.ExpectedWasteTotal += left
			res.Lots[idx[k]] = it
		}
	}
	return res, nil
}

// maxExpiryStates bounds the grid of expiryAlert; maxExpiryDays the days
// it steps through.
const (
	maxExpiryStates = 2000
	maxExpiryDays   = 3650
)

// dailyDemandGrid is one day's demand on a grid of step units: entry d is
// the probability that it eats d steps, the last entry (index n at most)
// everything from there on. Normal demand is rounded to the nearest step,
// negative values counting as none.
func dailyDemandGrid(mean, sd, step float64, n int) []float64 {
	if mean == 0 {
		return []float64{1}
	}
	var d Dist
	if sd > 0 {
		d = NewNormal(mean, sd)
	} else {
		d = NewPoisson(mean)
	}
	hi := min(n, int(math.Ceil((mean+12*math.Max(sd, math.Sqrt(mean))+1)/step)))
	pmf := make([]float64, hi+1)
	below := 0.0 // P(demand < lower edge of the current step)
	for k := 0; k < hi; k++ {
		var upTo float64
		if sd > 0 {
			upTo = d.CDF((float64(k) + 0.5) * step)
		} else {
			upTo = d.CDF(math.Floor((float64(k)+1)*step) - 1e-9)
		}
		pmf[k] = upTo - below
		below = upTo
	}
	pmf[hi] = 1 - below
	return pmf
}
