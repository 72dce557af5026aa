package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/solver"
)

// ScenarioOptions sizes a generated scenario. Zero values are invalid
// unless the field says otherwise; start from DefaultScenario.
type ScenarioOptions struct {
	Seed uint64 `json:"seed"`
	Name string `json:"name"`
	// City is "shanghai" or "guangzhou": the centre the estates cluster
	// around.
	City string `json:"city"`
	Date string `json:"date"` // delivery day, YYYY-MM-DD

	PickupPoints int `json:"pickup_points"`
	// Estates is the number of housing-estate clusters; 0: one per 8
	// pickup points.
	Estates     int `json:"estates"`
	Orders      int `json:"orders"`
	SKUs        int `json:"skus"`
	Warehouses  int `json:"warehouses"`
	Trucks      int `json:"trucks"`
	HistoryDays int `json:"history_days"` // 0: no history

	// ColdShare is the share of SKUs that are chilled or frozen; a pickup
	// point with any of them needs a refrigerated truck.
	ColdShare float64 `json:"cold_share"`
	// RefrigeratedShare is the share of trucks that are refrigerated.
	RefrigeratedShare float64 `json:"refrigerated_share"`
	// IntermittentShare is the share of SKUs whose history has many days
	// without demand.
	IntermittentShare float64 `json:"intermittent_share"`

	// TruckCapacityKg and TruckCapacityM3 size each truck; 0 sizes the
	// fleet so that the generated orders fill TargetUtilisation of its
	// total weight and volume.
	TruckCapacityKg   float64 `json:"truck_capacity_kg"`
	TruckCapacityM3   float64 `json:"truck_capacity_m3"`
	TargetUtilisation float64 `json:"target_utilisation"` // in (0, 1], used when a capacity is 0

	// CutoffS is when the last orders come in; orders are placed over the
	// 20 hours before it. FreshPrepS and DailyPrepS are the preparation
	// times of the "fresh" (chilled) and "daily" (ambient, frozen)
	// categories: their red lines are the first departure less these.
	CutoffS    int `json:"cutoff_s"`
	FreshPrepS int `json:"fresh_prep_s"`
	DailyPrepS int `json:"daily_prep_s"`
	// ThresholdOrders is each pickup point's group-buy activity threshold.
	ThresholdOrders int `json:"threshold_orders"`
	// BookedShare is the share of refrigerated trucks whose refrigeration
	// is booked.
	BookedShare float64 `json:"booked_share"`
	// Pickers work at each warehouse from PickStartS.
	Pickers      int     `json:"pickers"`
	PickStartS   int     `json:"pick_start_s"`
	ShiftStartS  int     `json:"shift_start_s"`
	ShiftEndS    int     `json:"shift_end_s"`
	DeadlineS    int     `json:"deadline_s"`
	SpeedKmh     float64 `json:"speed_kmh"`
	RoadFactor   float64 `json:"road_factor"`
	ServiceS     int     `json:"service_s"` // fixed time per pickup point
	UnloadSPerKg float64 `json:"unload_s_per_kg"`
	// RadiusKm is the standard deviation of the estates' distance from the
	// centre, per axis; warehouses stand about 1.5 radii out.
	RadiusKm float64 `json:"radius_km"`
}

// DefaultScenario is the Dragon Boat festival promotion: 50,000 orders of
// 20 gift-box SKUs at 200 pickup points in Shanghai, from 2 grid
// warehouses with 10 refrigerated trucks on a 05:00–12:00 shift, every
// pickup point served by 11:00 on the festival, 19 June 2026.
func DefaultScenario() ScenarioOptions {
	return ScenarioOptions{
		Seed:              20260619,
		Name:              "dragon-boat-2026",
		City:              "shanghai",
		Date:              "2026-06-19",
		PickupPoints:      200,
		Orders:            50_000,
		SKUs:              20,
		Warehouses:        2,
		Trucks:            10,
		HistoryDays:       182,
		ColdShare:         0.5,
		RefrigeratedShare: 1,
		IntermittentShare: 0.2,
		TargetUtilisation: 0.85,
		CutoffS:           -3600,    // 23:00 the evening before
		FreshPrepS:        7 * 3600, // red line 22:00
		DailyPrepS:        5 * 3600, // red line 00:00
		ThresholdOrders:   60,
		BookedShare:       1,
		Pickers:           10,
		PickStartS:        0,
		ShiftStartS:       5 * 3600,
		ShiftEndS:         12 * 3600,
		DeadlineS:         11 * 3600,
		SpeedKmh:          30,
		RoadFactor:        1.3,
		ServiceS:          240,
		UnloadSPerKg:      0.1,
		RadiusKm:          5,
	}
}

// cityCentres are the centres Generate knows, [lng, lat].
var cityCentres = map[string]geo.Point{
	"shanghai":  {121.4737, 31.2304}, // People's Square
	"guangzhou": {113.2644, 23.1291}, // Haizhu Square
}

// Limits that keep a generated scenario within memory.
const (
	maxGenOrders = 2_000_000
	maxGenCount  = 100_000
	maxGenDays   = 3660
)

// Validate reports every out-of-range option as a *solver.InputError.
func (o ScenarioOptions) Validate() error {
	var v solver.Violations
	count := func(field string, x, lo, hi int) {
		if x < lo || x > hi {
			v.Add(field, "must be in [%d, %d], got %d", lo, hi, x)
		}
	}
	share := func(field string, x float64, zeroOK bool) {
		if !(x >= 0 && x <= 1) || (!zeroOK && x == 0) {
			v.Add(field, "must be in (0, 1], got %g", x)
		}
	}
	positive := func(field string, x float64) {
		if !(x > 0) || math.IsInf(x, 0) {
			v.Add(field, "must be > 0, got %g", x)
		}
	}
	if _, ok := cityCentres[o.City]; !ok {
		v.Add("city", "must be \"shanghai\" or \"guangzhou\", got %q", o.City)
	}
	if _, err := time.Parse(time.DateOnly, o.Date); err != nil {
		v.Add("date", "must be YYYY-MM-DD, got %q", o.Date)
	}
	count("pickup_points", o.PickupPoints, 1, maxGenCount)
	count("estates", o.Estates, 0, max(o.PickupPoints, 0))
	count("orders", o.Orders, 0, maxGenOrders)
	count("skus", o.SKUs, 1, maxGenCount)
	count("warehouses", o.Warehouses, 1, 1000)
	count("trucks", o.Trucks, 1, maxGenCount)
	count("history_days", o.HistoryDays, 0, maxGenDays)
	if o.SKUs > 0 && o.PickupPoints > 0 && o.Warehouses > 0 && o.HistoryDays > 0 &&
		int64(o.SKUs)*int64(o.Warehouses)*int64(o.HistoryDays) > 20_000_000 {
		v.Add("history_days", "skus × warehouses × history_days must be <= 20000000, got %d", int64(o.SKUs)*int64(o.Warehouses)*int64(o.HistoryDays))
	}
	share("cold_share", o.ColdShare, true)
	share("booked_share", o.BookedShare, true)
	count("fresh_prep_s", o.FreshPrepS, 0, 48*3600)
	count("daily_prep_s", o.DailyPrepS, 0, 48*3600)
	count("threshold_orders", o.ThresholdOrders, 0, maxGenOrders)
	count("pickers", o.Pickers, 1, 10_000)
	count("pick_start_s", o.PickStartS, -48*3600, o.ShiftStartS)
	share("refrigerated_share", o.RefrigeratedShare, true)
	share("intermittent_share", o.IntermittentShare, true)
	if o.TruckCapacityKg < 0 || math.IsInf(o.TruckCapacityKg, 0) || math.IsNaN(o.TruckCapacityKg) {
		v.Add("truck_capacity_kg", "must be >= 0, got %g", o.TruckCapacityKg)
	}
	if o.TruckCapacityM3 < 0 || math.IsInf(o.TruckCapacityM3, 0) || math.IsNaN(o.TruckCapacityM3) {
		v.Add("truck_capacity_m3", "must be >= 0, got %g", o.TruckCapacityM3)
	}
	if o.TruckCapacityKg == 0 || o.TruckCapacityM3 == 0 {
		share("target_utilisation", o.TargetUtilisation, false)
	}
	if o.CutoffS > o.ShiftStartS || o.CutoffS < -24*3600 {
		v.Add("cutoff_s", "must be in [-86400, shift_start_s %d], got %d", o.ShiftStartS, o.CutoffS)
	}
	if o.ShiftStartS < 0 || o.ShiftStartS >= o.DeadlineS {
		v.Add("shift_start_s", "must be in [0, deadline_s %d), got %d", o.DeadlineS, o.ShiftStartS)
	}
	if o.DeadlineS > o.ShiftEndS {
		v.Add("deadline_s", "must be <= shift_end_s %d, got %d", o.ShiftEndS, o.DeadlineS)
	}
	if o.ShiftEndS > 48*3600 {
		v.Add("shift_end_s", "must be <= 172800, got %d", o.ShiftEndS)
	}
	positive("speed_kmh", o.SpeedKmh)
	if !(o.RoadFactor >= 1 && o.RoadFactor < 10) {
		v.Add("road_factor", "must be in [1, 10), got %g", o.RoadFactor)
	}
	if o.ServiceS < 0 || o.ServiceS > 3600 {
		v.Add("service_s", "must be in [0, 3600], got %d", o.ServiceS)
	}
	if !(o.UnloadSPerKg >= 0 && o.UnloadSPerKg <= 60) {
		v.Add("unload_s_per_kg", "must be in [0, 60], got %g", o.UnloadSPerKg)
	}
	if !(o.RadiusKm > 0 && o.RadiusKm <= 50) {
		v.Add("radius_km", "must be in (0, 50], got %g", o.RadiusKm)
	}
	return v.Err()
}

// Random streams, one per part, so that changing one count leaves the
// other parts of the scenario as they were.
const (
	streamCity uint64 = iota + 1
	streamCatalogue
	streamOrders
	streamFleet
	streamHistory
	streamStock
	streamPlaced
	streamForecast
)

// Generate builds the plan's input for a night from o, deterministically:
// the same options give the same input, byte for byte once encoded. It
// costs O(orders + skus × warehouses × history_days).
func Generate(o ScenarioOptions) (*nightly.Input, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	s := &nightly.Input{
		Name: o.Name, Date: o.Date, DeadlineS: o.DeadlineS,
		Travel: nightly.Travel{SpeedKmh: o.SpeedKmh, RoadFactor: o.RoadFactor, UnloadSPerKg: o.UnloadSPerKg},
		Categories: []nightly.Category{
			{ID: "fresh", Name: "Fresh produce (chilled)", PrepS: o.FreshPrepS},
			{ID: "daily", Name: "Daily goods (ambient, frozen)", PrepS: o.DailyPrepS},
		},
		Suppliers: genSuppliers(),
	}
	rng := func(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(o.Seed, stream)) }
	popularity := genCity(s, o, cityCentres[o.City], rng(streamCity))
	skuWeight := genCatalogue(s, o, rng(streamCatalogue))
	genOrders(s, o, popularity, skuWeight, rng(streamOrders))
	genPlaced(s, o, rng(streamPlaced))
	genForecast(s, rng(streamForecast))
	genFleet(s, o)
	genHistory(s, o, skuWeight, rng(streamHistory))
	genStock(s, rng(streamStock))
	return s, nil
}

// genSuppliers lists the festival's suppliers; genCatalogue gives each SKU
// one by its temperature class.
func genSuppliers() []nightly.Supplier {
	return []nightly.Supplier{
		{ID: "S1", Name: "Jiaxing zongzi works", Contact: "sales desk, +86 573 0000 0001", LeadTimeDays: 2, LeadTimeSDDays: 0.5},
		{ID: "S2", Name: "Delta cold-chain foods", Contact: "order desk, +86 21 0000 0002", LeadTimeDays: 1, LeadTimeSDDays: 0.25},
		{ID: "S3", Name: "Southern fruit cooperative", Contact: "dispatch, +86 20 0000 0003", LeadTimeDays: 1, LeadTimeSDDays: 0.5},
		{ID: "S4", Name: "Festive gifts wholesale", Contact: "account manager, +86 21 0000 0004", LeadTimeDays: 3, LeadTimeSDDays: 1},
	}
}

// genPlaced gives each order the time it was placed, uniform over the 20
// hours before the cut-off, so that the fresh red line falls among them.
func genPlaced(s *nightly.Input, o ScenarioOptions, r *rand.Rand) {
	for i := range s.Orders {
		s.Orders[i].PlacedS = new(o.CutoffS - r.IntN(20*3600))
	}
}

// genForecast gives each SKU the forecast its activity was planned on: the
// units ordered tonight, off by up to 40 % either way, so that the
// deviation alerts show every colour.
func genForecast(s *nightly.Input, r *rand.Rand) {
	units := make(map[string]int64, len(s.SKUs))
	for _, o := range s.Orders {
		for _, l := range o.Lines {
			units[l.SKU] += l.Quantity
		}
	}
	for k := range s.SKUs {
		f := float64(units[s.SKUs[k].ID]) / (0.6 + 0.8*r.Float64())
		s.SKUs[k].ForecastUnits = int64(math.Round(f/10) * 10)
	}
}

// offset returns p moved dx km east and dy km north, rounded to 1e-6°
// (about 0.1 m).
func offset(p geo.Point, dx, dy float64) geo.Point {
	const kmPerDeg = 111.32
	lng := p[0] + dx/(kmPerDeg*math.Cos(p[1]*math.Pi/180))
	lat := p[1] + dy/kmPerDeg
	return geo.Point{math.Round(lng*1e6) / 1e6, math.Round(lat*1e6) / 1e6}
}

// genCity places warehouses on a ring around the centre and pickup points
// in housing-estate clusters, and returns each pickup point's share of
// orders.
func genCity(s *nightly.Input, o ScenarioOptions, centre geo.Point, r *rand.Rand) []float64 {
	phase := r.Float64() * 2 * math.Pi
	for w := range o.Warehouses {
		a := phase + 2*math.Pi*float64(w)/float64(o.Warehouses) + (r.Float64()-0.5)*0.3
		d := o.RadiusKm * (1.4 + 0.2*r.Float64())
		s.Warehouses = append(s.Warehouses, nightly.Warehouse{
			ID:         fmt.Sprintf("W%d", w+1),
			Name:       fmt.Sprintf("Grid warehouse %d", w+1),
			Address:    fmt.Sprintf("Logistics park %d, dock 1, %s", w+1, o.City),
			Location:   offset(centre, d*math.Cos(a), d*math.Sin(a)),
			Pickers:    o.Pickers,
			PickStartS: o.PickStartS,
		})
	}
	estates := o.Estates
	if estates == 0 {
		estates = max(1, (o.PickupPoints+7)/8)
	}
	type estate struct {
		at   geo.Point
		size float64 // residents, relative
		km   float64 // spread of its pickup points
	}
	es := make([]estate, estates)
	for e := range es {
		es[e] = estate{
			at:   offset(centre, r.NormFloat64()*o.RadiusKm, r.NormFloat64()*o.RadiusKm),
			size: math.Exp(0.5 * r.NormFloat64()),
			km:   0.3 + 0.5*r.Float64(),
		}
	}
	popularity := make([]float64, o.PickupPoints)
	for p := range o.PickupPoints {
		e := p % estates // every estate gets pickup points, bigger ones no more
		if p >= estates {
			e = pickWeighted(r, es, func(x estate) float64 { return x.size })
		}
		open := o.ShiftStartS
		if r.Float64() < 0.3 { // shops that open later
			open = min(o.ShiftStartS+3600, o.DeadlineS-o.ServiceS)
		}
		s.PickupPoints = append(s.PickupPoints, nightly.PickupPoint{
			ID:       fmt.Sprintf("P%03d", p+1),
			Name:     fmt.Sprintf("Estate E%02d pickup point %d", e+1, p+1),
			Address:  fmt.Sprintf("Estate E%02d, building %d, ground-floor shop", e+1, 1+p/estates),
			Contact:  fmt.Sprintf("group leader of P%03d, +86 138 %04d %04d", p+1, p/10000, p%10000),
			Location: offset(es[e].at, r.NormFloat64()*es[e].km, r.NormFloat64()*es[e].km),
			OpenS:    open,
			ServiceS: o.ServiceS,
		})
		popularity[p] = es[e].size * math.Exp(0.4*r.NormFloat64())
		s.Activities = append(s.Activities, nightly.Activity{
			ID:              "G-" + s.PickupPoints[p].ID,
			Name:            "Dragon Boat group buy at " + s.PickupPoints[p].ID,
			ThresholdOrders: o.ThresholdOrders,
		})
	}
	return popularity
}

// pickWeighted returns an index drawn with probability proportional to w.
func pickWeighted[T any](r *rand.Rand, xs []T, w func(T) float64) int {
	total := 0.0
	for _, x := range xs {
		total += w(x)
	}
	u := r.Float64() * total
	for i, x := range xs {
		u -= w(x)
		if u < 0 {
			return i
		}
	}
	return len(xs) - 1
}

// giftBoxes is the Dragon Boat catalogue the first SKUs take their names
// and kinds from.
var giftBoxes = [...]struct {
	name string
	temp string
}{
	{"Jiaxing pork zongzi gift box, 8 pcs", nightly.Chilled},
	{"Red bean zongzi gift box, 10 pcs", nightly.Ambient},
	{"Salted egg yolk zongzi gift box, 6 pcs", nightly.Chilled},
	{"Vacuum-packed assorted zongzi box, 12 pcs", nightly.Ambient},
	{"Frozen crystal zongzi box, 10 pcs", nightly.Frozen},
	{"Salted duck eggs, 20 pcs", nightly.Ambient},
	{"Cantonese chestnut pork zongzi box, 4 pcs", nightly.Chilled},
	{"Alkaline water zongzi box, 10 pcs", nightly.Ambient},
	{"Zongzi and salted egg combo box", nightly.Chilled},
	{"Frozen mini zongzi family pack", nightly.Frozen},
	{"Mung bean cake gift box", nightly.Ambient},
	{"Realgar-free herbal tea gift set", nightly.Ambient},
	{"Premium abalone zongzi box, 4 pcs", nightly.Frozen},
	{"Fresh lychee box, 2.5 kg", nightly.Chilled},
	{"Yangmei (bayberry) box, 2 kg", nightly.Chilled},
	{"Dragon Boat tea and zongzi hamper", nightly.Ambient},
	{"Eight-treasure zongzi box, 8 pcs", nightly.Ambient},
	{"Seafood zongzi box, 6 pcs", nightly.Frozen},
	{"Sachet and zongzi children's box", nightly.Ambient},
	{"Black sesame zongzi box, 10 pcs", nightly.Ambient},
}

// genCatalogue makes the SKUs and returns each SKU's share of order lines
// (Zipf-like: a few best sellers).
func genCatalogue(s *nightly.Input, o ScenarioOptions, r *rand.Rand) []float64 {
	weight := make([]float64, o.SKUs)
	// The cold SKUs are the catalogue's chilled and frozen boxes first, then
	// others, as many as ColdShare asks for.
	var rank []int
	for k := range o.SKUs {
		if k < len(giftBoxes) && giftBoxes[k].temp != nightly.Ambient {
			rank = append(rank, k)
		}
	}
	for k := range o.SKUs {
		if k >= len(giftBoxes) || giftBoxes[k].temp == nightly.Ambient {
			rank = append(rank, k)
		}
	}
	isCold := make([]bool, o.SKUs)
	for _, k := range rank[:int(math.Round(o.ColdShare*float64(o.SKUs)))] {
		isCold[k] = true
	}
	for k := range o.SKUs {
		name, temp := fmt.Sprintf("Gift box %d", k+1), nightly.Ambient
		if k < len(giftBoxes) {
			name = giftBoxes[k].name
		}
		if isCold[k] {
			temp = nightly.Chilled
			if k < len(giftBoxes) && giftBoxes[k].temp == nightly.Frozen || k >= len(giftBoxes) && r.Float64() < 0.3 {
				temp = nightly.Frozen
			}
		}
		life := 180 + r.IntN(186)
		switch temp {
		case nightly.Chilled:
			life = 5 + r.IntN(10)
		case nightly.Frozen:
			life = 90 + r.IntN(91)
		}
		kg := 0.6 + 1.4*r.Float64()
		price := math.Round((39+r.Float64()*160)*10) / 10
		category, supplier := "daily", "S4"
		switch {
		case temp == nightly.Chilled && (strings.Contains(name, "lychee") || strings.Contains(name, "bayberry")):
			category, supplier = "fresh", "S3"
		case temp == nightly.Chilled:
			category, supplier = "fresh", "S2"
		case temp == nightly.Frozen:
			supplier = "S2"
		case strings.Contains(name, "zongzi"):
			supplier = "S1"
		}
		s.SKUs = append(s.SKUs, nightly.SKU{
			ID:            fmt.Sprintf("SKU%03d", k+1),
			Name:          name,
			Category:      category,
			Supplier:      supplier,
			Unit:          "box",
			WeightKg:      math.Round(kg*1000) / 1000,
			VolumeM3:      math.Round(kg*(0.0025+0.002*r.Float64())*10000) / 10000,
			ShelfLifeDays: life,
			Temperature:   temp,
			PriceCNY:      price,
			CostCNY:       math.Round(price*0.62*10) / 10,
			CasePack:      [...]int{6, 8, 4, 12}[k%4],
		})
		weight[k] = 1 / math.Pow(float64(r.IntN(o.SKUs)+1), 0.8) * (0.5 + r.Float64())
	}
	return weight
}

// coldIndex spreads cold SKUs evenly over the catalogue: SKU k is cold
// when the running count of cold SKUs steps up at k.
func coldIndex(k, n, cold int) bool {
	return (k+1)*cold/n > k*cold/n
}

// sampler draws indices in proportion to weights by binary search over
// cumulative weights.
type sampler []float64

func newSampler(w []float64) sampler {
	c := make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += x
		c[i] = sum
	}
	return c
}

func (c sampler) draw(r *rand.Rand) int {
	u := r.Float64() * c[len(c)-1]
	i, _ := slices.BinarySearch(c, u)
	return min(i, len(c)-1)
}

// genOrders draws the orders: a pickup point by its popularity, one to
// three distinct SKUs by their popularity, quantities mostly 1.
func genOrders(s *nightly.Input, o ScenarioOptions, popularity, skuWeight []float64, r *rand.Rand) {
	pp := newSampler(popularity)
	sk := newSampler(skuWeight)
	s.Orders = make([]nightly.Order, o.Orders)
	lines := make([]nightly.OrderLine, 0, 3*o.Orders) // one backing array for all lines
	for i := range s.Orders {
		n := 1
		if u := r.Float64(); u < 0.1 {
			n = 3
		} else if u < 0.4 {
			n = 2
		}
		n = min(n, o.SKUs)
		start := len(lines)
		for len(lines)-start < n {
			k := sk.draw(r)
			id := s.SKUs[k].ID
			if slices.ContainsFunc(lines[start:], func(l nightly.OrderLine) bool { return l.SKU == id }) {
				continue
			}
			q := int64(1)
			if u := r.Float64(); u < 0.05 {
				q = 3
			} else if u < 0.2 {
				q = 2
			}
			lines = append(lines, nightly.OrderLine{SKU: id, Quantity: q})
		}
		point := s.PickupPoints[pp.draw(r)].ID
		s.Orders[i] = nightly.Order{
			ID:          fmt.Sprintf("O%06d", i+1),
			PickupPoint: point,
			Activity:    "G-" + point,
			Lines:       lines[start:len(lines):len(lines)],
		}
	}
}

// genFleet spreads the trucks over the warehouses and sizes them.
func genFleet(s *nightly.Input, o ScenarioOptions) {
	kg, m3 := o.TruckCapacityKg, o.TruckCapacityM3
	if kg == 0 || m3 == 0 {
		totKg, totM3 := 0.0, 0.0
		skus := make(map[string]*nightly.SKU, len(s.SKUs))
		for k := range s.SKUs {
			skus[s.SKUs[k].ID] = &s.SKUs[k]
		}
		for _, ord := range s.Orders {
			for _, l := range ord.Lines {
				totKg += float64(l.Quantity) * skus[l.SKU].WeightKg
				totM3 += float64(l.Quantity) * skus[l.SKU].VolumeM3
			}
		}
		n := float64(o.Trucks) * o.TargetUtilisation
		if kg == 0 {
			kg = max(100, math.Ceil(totKg/n/100)*100)
		}
		if m3 == 0 {
			m3 = max(1, math.Ceil(totM3/n))
		}
	}
	cold := int(math.Round(o.RefrigeratedShare * float64(o.Trucks)))
	booked := int(math.Round(o.BookedShare * float64(cold)))
	seen := 0
	for t := range o.Trucks {
		ref := coldIndex(t, o.Trucks, cold)
		if ref {
			seen++
		}
		s.Trucks = append(s.Trucks, nightly.Truck{
			ID:                  fmt.Sprintf("T%02d", t+1),
			Warehouse:           s.Warehouses[t%len(s.Warehouses)].ID,
			Refrigerated:        ref,
			RefrigerationBooked: ref && seen <= booked,
			CapacityKg:          kg,
			CapacityM3:          m3,
			ShiftStartS:         o.ShiftStartS,
			ShiftEndS:           o.ShiftEndS,
		})
	}
}

// genHistory draws the daily demand of each SKU at each warehouse: a level
// from the SKU's popularity and the warehouse's share, a weekly pattern
// (weekends busier), a slow trend, and Poisson noise; intermittent SKUs
// sell on few days, in lumps.
func genHistory(s *nightly.Input, o ScenarioOptions, skuWeight []float64, r *rand.Rand) {
	if o.HistoryDays == 0 {
		return
	}
	day, _ := time.Parse(time.DateOnly, o.Date)
	first := day.AddDate(0, 0, -o.HistoryDays)
	weekday := int(first.Weekday())
	totalW := 0.0
	for _, w := range skuWeight {
		totalW += w
	}
	// Everyday sales: about a tenth of the promotion's units per day.
	perDay := math.Max(1, float64(o.Orders)*1.6/10)
	intermittent := int(math.Round(o.IntermittentShare * float64(o.SKUs)))
	week := [7]float64{1.25, 0.9, 0.9, 0.95, 1.0, 1.1, 1.3} // Sunday first
	for k := range s.SKUs {
		lumpy := coldIndex(k, o.SKUs, intermittent)
		for w := range s.Warehouses {
			level := perDay * skuWeight[k] / totalW / float64(len(s.Warehouses)) * (0.7 + 0.6*r.Float64())
			trend := 1 + 0.3*(r.Float64()-0.3) // over the whole history
			daily := make([]int64, o.HistoryDays)
			for d := range daily {
				mean := level * week[(weekday+d)%7] * (1 + trend*float64(d)/float64(o.HistoryDays) - trend/2)
				if lumpy {
					// Demand on about one day in five, five times the size.
					if r.Float64() < 0.2 {
						daily[d] = poisson(r, 5*mean*(0.2+0.8*r.Float64()))
					}
					continue
				}
				daily[d] = poisson(r, mean)
			}
			s.History = append(s.History, nightly.DemandHistory{
				SKU: s.SKUs[k].ID, Warehouse: s.Warehouses[w].ID,
				StartDate: first.Format(time.DateOnly), Daily: daily,
			})
		}
	}
}

// poisson draws a Poisson variate: by inversion for small means, by a
// rounded normal for large ones.
func poisson(r *rand.Rand, mean float64) int64 {
	if mean <= 0 {
		return 0
	}
	if mean > 50 {
		return max(0, int64(math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	l, p, k := math.Exp(-mean), r.Float64(), int64(0)
	for acc := l; p > acc; acc += l {
		k++
		l *= mean / float64(k)
		if k > 1000 {
			break
		}
	}
	return k
}
