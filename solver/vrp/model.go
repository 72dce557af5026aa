package vrp

import (
	"context"
	"fmt"
	"math"
	"slices"

	"fulfil/geo"
	"fulfil/solver"
)

// scale converts metres and seconds to the model's int64 units (and money to
// the model's cost units): 1/1000, so that CVRPLIB's integer and Solomon's
// one-decimal distances are exact.
const scale = 1000.0

// big stands for "no limit" in int64 model fields; sums of a few of them
// still fit in int64.
const big = int64(1) << 52

// Load dimensions of the model, in the order they appear when active.
const (
	dimWeight = iota // grams
	dimVolume        // cubic centimetres
	dimUnits         // units
	dimStops         // one per stop, for Vehicle.MaxStops
	numDimKinds
)

var dimNames = [numDimKinds]string{"weight_kg", "volume_m3", "units", "stops"}

// model is the dense problem the search runs on, compiled once per solve.
// Nodes 0..nd-1 are the depots, nd..n-1 the stops in input order.
type model struct {
	nd, ns, n int
	ids       []string // node → wire id
	dims      int      // active load dimensions
	dimKind   []int    // active dimension → dimWeight..dimStops
	demand    []int64  // [i*dims+k]
	service   []int64  // per node
	twOpen    []int64  // per node: earliest service start (first window start)
	twClose   []int64  // per node: latest service start (last window end)
	windows   [][]int64
	multiTW   bool     // some stop has more than one window
	skill     []uint64 // per node: skills required
	penalty   []float64
	fits      []bool // stop i fits some vehicle type alone
	why       []string
	dist      [][]int64 // per profile, [i*(n+1)+j]; row and column n are the zero "nowhere" of open ends
	dur       [][]int64
	dist32    []int32 // dist[0] as int32 when there is one profile and it fits, rows and columns in rank order
	rank      []int32 // node (and m.n) → its row in dist32: Hilbert curve order
	dur32     []int32 // dur[0] in dist32's layout, when dist32 is set, durations differ from distances and fit
	durIsDist bool    // every profile's durations are its distances (one shared slice)
	types     []vtype
	slotType  []int32   // vehicle slot → type
	slotIndex []int     // vehicle slot → index within its type
	hasTime   bool      // some time window, shift, duration limit or time cost
	optional  bool      // some stop is optional
	homog     bool      // all slots have the same type
	symmetric bool      // every profile's distance and duration are symmetric
	anySkill  bool      // some stop requires a skill
	x, y      []float64 // node coordinates (for polar sectors only)
	// missMandatory is the search's price of leaving a mandatory stop
	// unserved: more than any route could cost.
	missMandatory float64
	// warm is Input.InitialRoutes compiled, or nil.
	warm *plan
	// fixed marks stops in a vehicle's fixed sequence: not in the search;
	// remaining is the service left at a stop in service (road.go).
	fixed     []bool
	remaining []int64
	// ownStart is, per vehicle type, its own start node (an extra depot
	// node after Input.Depots) or -1.
	ownStart []int32
	// Shipments (shipment.go), nil without any: pair is each node's
	// partner or -1, pickup marks pickups, delta is the load change at a
	// node [i*dims+k].
	pair   []int32
	pickup []bool
	delta  []int64
	// td is time-dependent travel (traffic.go), or nil.
	td *tdTravel
	// trips: some type may drive several trips (trips.go); breaks: some
	// type has breaks (breaks.go).
	trips  bool
	breaks bool
}

// vtype is a compiled vehicle type.
type vtype struct {
	id         string
	start, end int32 // nodes; end = -1 for an open end
	prof       int32
	cap        []int64 // per active dimension
	fixed      float64 // cost units (scaled)
	cpd, cpt   float64 // cost units per model distance / time unit
	twOpen     int64   // earliest departure from start
	twClose    int64   // latest arrival at end
	maxDur     int64
	maxDist    int64
	skills     uint64
	count      int
	maxTrips   int     // trips.go; 1 unless several
	rest       []int64 // breaks.go: open, close, duration per break
	vix        int     // index in Input.Vehicles
	// The road's state (road.go). startClose is the latest departure from
	// start (twClose, or twOpen once a fixed sequence is folded in);
	// prefix is the folded fixed sequence, driven from origStart leaving
	// at origOpen.
	startClose int64
	prefix     []int32
	origStart  int32
	origOpen   int64
}

func toModel(x float64) int64 { return int64(math.Round(x * scale)) }

// upModel and downModel round to the model's unit up and down (with a
// tolerance for binary noise, so that 12.3 s stays 12300 ms). Durations,
// service times, window openings and demands round up and window closings,
// limits and capacities down: a plan feasible in the model is then feasible
// for the exact input that Check reads.
func upModel(x float64) int64   { return int64(math.Ceil(x*scale - 1e-6)) }
func downModel(x float64) int64 { return int64(math.Floor(x*scale + 1e-6)) }

// compile builds the dense model of a validated input.
func compile(ctx context.Context, in *Input, threads int) (*model, error) {
	m := &model{nd: len(in.Depots), ns: len(in.Stops)}
	m.ownStart = make([]int32, len(in.Vehicles))
	for t, vh := range in.Vehicles {
		m.ownStart[t] = -1
		if vh.StartLocation != nil || vh.StartIndex != nil {
			m.ownStart[t] = int32(m.nd)
			m.nd++
		}
	}
	m.n = m.nd + m.ns
	n := m.n
	m.ids = make([]string, n)
	depotNode := map[string]int32{}
	for d, dp := range in.Depots {
		m.ids[d] = dp.ID
		depotNode[dp.ID] = int32(d)
	}
	for t := range in.Vehicles {
		if d := m.ownStart[t]; d >= 0 {
			m.ids[d] = "" // routes report no start depot
		}
	}
	for i, st := range in.Stops {
		m.ids[m.nd+i] = st.ID
	}

	// Travel matrices. Distances round to the nearest unit, or up when a
	// vehicle has a distance limit, so that the limit holds exactly.
	distOf := toModel
	for _, vh := range in.Vehicles {
		if vh.MaxDistanceM > 0 {
			distOf = upModel
		}
	}
	if len(in.Profiles) > 0 {
		idx := make([]int, n)
		for d, dp := range in.Depots {
			idx[d] = *dp.MatrixIndex
		}
		for t, vh := range in.Vehicles {
			if d := m.ownStart[t]; d >= 0 {
				idx[d] = *vh.StartIndex
			}
		}
		for i, st := range in.Stops {
			idx[m.nd+i] = *st.MatrixIndex
		}
		for _, pr := range in.Profiles {
			dm := make([]int64, (n+1)*(n+1))
			tm := make([]int64, (n+1)*(n+1))
			same := true // durations equal the model distances: share them
			for i := range n {
				for j := range n {
					d := pr.DistanceM[idx[i]][idx[j]]
					dm[i*(n+1)+j] = distOf(d)
					if len(pr.DurationS) > 0 {
						d = pr.DurationS[idx[i]][idx[j]]
					}
					tm[i*(n+1)+j] = upModel(d)
					same = same && tm[i*(n+1)+j] == dm[i*(n+1)+j]
				}
			}
			if same {
				tm = dm
			}
			m.dist = append(m.dist, dm)
			m.dur = append(m.dur, tm)
		}
	} else {
		pts := make([]geo.Point, n)
		for d, dp := range in.Depots {
			pts[d] = dp.Location
		}
		for t, vh := range in.Vehicles {
			if d := m.ownStart[t]; d >= 0 {
				pts[d] = *vh.StartLocation
			}
		}
		for i, st := range in.Stops {
			pts[m.nd+i] = st.Location
		}
		var dist, dur *geo.Matrix
		if in.Travel.Metric == "euclidean" {
			dist = geo.Euclidean(pts, rounding(in.Travel.Rounding))
			if in.Travel.SpeedKmh > 0 {
				dur = geo.Durations(dist, 1, in.Travel.SpeedKmh)
			} else {
				dur = dist
			}
		} else {
			rf := in.Travel.RoadFactor
			if rf == 0 {
				rf = 1
			}
			hav, err := geo.HaversineMatrix(ctx, pts, threads)
			if err != nil {
				return nil, fmt.Errorf("computing distances: %w", err)
			}
			dist = geo.Scale(hav, rf)
			dur = geo.Durations(dist, 1, in.Travel.SpeedKmh)
		}
		dm := make([]int64, (n+1)*(n+1))
		tm := make([]int64, (n+1)*(n+1))
		same := true
		for i := range n {
			for j := range n {
				dm[i*(n+1)+j] = distOf(dist.Data[i*n+j])
				tm[i*(n+1)+j] = upModel(dur.Data[i*n+j])
				same = same && tm[i*(n+1)+j] == dm[i*(n+1)+j]
			}
		}
		if same {
			tm = dm
		}
		m.dist = append(m.dist, dm)
		m.dur = append(m.dur, tm)
	}

	m.compileTraffic(in)

	// Load dimensions: active when some vehicle limits them.
	var limited [numDimKinds]bool
	for _, vh := range in.Vehicles {
		limited[dimWeight] = limited[dimWeight] || vh.Capacity.WeightKg > 0
		limited[dimVolume] = limited[dimVolume] || vh.Capacity.VolumeM3 > 0
		limited[dimUnits] = limited[dimUnits] || vh.Capacity.Units > 0
		limited[dimStops] = limited[dimStops] || vh.MaxStops > 0
	}
	for k, ok := range limited {
		if ok {
			m.dimKind = append(m.dimKind, k)
		}
	}
	m.dims = len(m.dimKind)
	loadOf := func(l Load, kind int, isStop bool) int64 {
		switch kind {
		case dimWeight:
			if isStop {
				return upModel(l.WeightKg)
			}
			return downModel(l.WeightKg)
		case dimVolume:
			if isStop {
				return int64(math.Ceil(l.VolumeM3*1e6 - 1e-6))
			}
			return int64(math.Floor(l.VolumeM3*1e6 + 1e-6))
		case dimUnits:
			return l.Units
		}
		if isStop {
			return 1
		}
		return 0
	}

	// Skills as bits.
	skillBit := map[string]uint64{}
	bitOf := func(names []string) uint64 {
		var b uint64
		for _, s := range names {
			bit, ok := skillBit[s]
			if !ok {
				bit = 1 << uint(len(skillBit))
				skillBit[s] = bit
			}
			b |= bit
		}
		return b
	}

	// Nodes.
	m.demand = make([]int64, n*m.dims)
	m.service = make([]int64, n)
	m.twOpen = make([]int64, n)
	m.twClose = make([]int64, n)
	m.windows = make([][]int64, n)
	m.skill = make([]uint64, n)
	m.penalty = make([]float64, n)
	m.fits = make([]bool, n)
	m.fixed = make([]bool, n)
	m.remaining = make([]int64, n)
	m.why = make([]string, n)
	for d := len(in.Depots); d < m.nd; d++ {
		m.twOpen[d], m.twClose[d] = 0, big
	}
	for d, dp := range in.Depots {
		m.twOpen[d], m.twClose[d] = 0, big
		if dp.Window != nil {
			m.twOpen[d], m.twClose[d] = upModel(dp.Window.StartS), downModel(dp.Window.EndS)
			m.hasTime = true
		}
	}
	for s, st := range in.Stops {
		i := m.nd + s
		for k, kind := range m.dimKind {
			m.demand[i*m.dims+k] = loadOf(st.Demand, kind, true)
		}
		m.service[i] = upModel(st.ServiceS)
		m.twOpen[i], m.twClose[i] = 0, big
		if len(st.TimeWindows) > 0 {
			m.hasTime = true
			m.twOpen[i] = upModel(st.TimeWindows[0].StartS)
			m.twClose[i] = downModel(st.TimeWindows[len(st.TimeWindows)-1].EndS)
			if len(st.TimeWindows) > 1 {
				m.multiTW = true
				for _, w := range st.TimeWindows {
					m.windows[i] = append(m.windows[i], upModel(w.StartS), downModel(w.EndS))
				}
			}
		}
		m.skill[i] = bitOf(st.Skills)
		m.penalty[i] = st.Penalty * scale
		if st.Penalty > 0 {
			m.optional = true
		}
	}

	// Vehicle types.
	profIndex := map[string]int32{}
	for p, pr := range in.Profiles {
		if _, ok := profIndex[pr.ID]; !ok {
			profIndex[pr.ID] = int32(p)
		}
	}
	for ti, vh := range in.Vehicles {
		t := vtype{id: vh.ID, start: depotNode[vh.StartDepot], end: depotNode[vh.StartDepot], count: vh.Count}
		if d := m.ownStart[ti]; d >= 0 {
			t.start, t.end = d, d // an end depot or open end is required
		}
		if vh.EndDepot != "" {
			t.end = depotNode[vh.EndDepot]
		}
		if vh.OpenEnd {
			t.end = -1
		}
		if vh.Profile != "" {
			t.prof = profIndex[vh.Profile]
		}
		t.cap = make([]int64, m.dims)
		for k, kind := range m.dimKind {
			t.cap[k] = loadOf(vh.Capacity, kind, false)
			if kind == dimStops {
				t.cap[k] = int64(vh.MaxStops)
				if vh.MaxStops == 0 {
					t.cap[k] = int64(m.ns) + 1
				}
			}
		}
		t.fixed = vh.FixedCost * scale
		t.cpd, t.cpt = vh.CostPerM, vh.CostPerS
		if t.cpd == 0 && t.cpt == 0 {
			t.cpd = 1
		}
		if vh.CostPerS > 0 {
			m.hasTime = true
		}
		t.twOpen, t.twClose = m.twOpen[t.start], m.twClose[t.start]
		if t.end >= 0 {
			t.twClose = min(t.twClose, m.twClose[t.end])
		}
		if vh.Shift != nil {
			m.hasTime = true
			t.twOpen = max(t.twOpen, upModel(vh.Shift.StartS))
			t.twClose = min(t.twClose, downModel(vh.Shift.EndS))
		}
		if vh.FreeFromS > 0 {
			m.hasTime = true
			t.twOpen = max(t.twOpen, upModel(vh.FreeFromS))
		}
		t.startClose = t.twClose
		t.maxDur, t.maxDist = big, big
		if vh.MaxDurationS > 0 {
			t.maxDur = downModel(vh.MaxDurationS)
			m.hasTime = true
		}
		if vh.MaxDistanceM > 0 {
			t.maxDist = downModel(vh.MaxDistanceM)
		}
		t.skills = bitOf(vh.Skills)
		m.types = append(m.types, t)
	}

	m.compileTrips(in)
	m.compileBreaks(in)
	m.applyLocks(in, bitOf)
	m.foldFixed(in)
	m.compilePairs(in)
	if err := m.checkFit(in); err != nil {
		return nil, err
	}
	if err := m.checkPairs(in); err != nil {
		return nil, err
	}

	// Vehicle slots. A free fleet gets enough slots for any sensible plan.
	for ti := range m.types {
		t := &m.types[ti]
		cnt := min(t.count, max(m.ns, 1)) // never more vehicles than stops
		if cnt == 0 {
			lb := int64(1)
			for k := range m.dims {
				var tot int64
				for i := m.nd; i < n; i++ {
					tot += m.demand[i*m.dims+k]
				}
				if t.cap[k] > 0 {
					lb = max(lb, (tot+t.cap[k]-1)/t.cap[k])
				}
			}
			cnt = int(min(int64(m.ns), 2*lb+10))
			if m.hasTime {
				cnt = int(min(int64(m.ns), 3*lb+20))
			}
			cnt = max(cnt, 1)
		}
		t.count = cnt
		for x := range cnt {
			m.slotType = append(m.slotType, int32(ti))
			m.slotIndex = append(m.slotIndex, x)
		}
	}
	m.homog = len(m.types) == 1
	m.x, m.y = make([]float64, n), make([]float64, n)
	for d, dp := range in.Depots {
		m.x[d], m.y[d] = dp.Location[0], dp.Location[1]
	}
	for t, vh := range in.Vehicles {
		if d := m.ownStart[t]; d >= 0 && vh.StartLocation != nil {
			m.x[d], m.y[d] = vh.StartLocation[0], vh.StartLocation[1]
		}
	}
	for s, st := range in.Stops {
		m.x[m.nd+s], m.y[m.nd+s] = st.Location[0], st.Location[1]
		if len(st.Skills) > 0 {
			m.anySkill = true
		}
	}
	m.buildDist32()
	m.durIsDist = true
	for p := range m.dist {
		if &m.dur[p][0] != &m.dist[p][0] {
			m.durIsDist = false
		}
	}
	m.buildDur32()
	m.symmetric = true
	var maxArc, maxArcT, maxServ, maxOpen int64
	for p := range m.dist {
		for i := range n {
			for j := range n {
				a, b := m.dist[p][i*(n+1)+j], m.dur[p][i*(n+1)+j]
				maxArc, maxArcT = max(maxArc, a), max(maxArcT, b)
				if a != m.dist[p][j*(n+1)+i] || b != m.dur[p][j*(n+1)+i] {
					m.symmetric = false
				}
			}
		}
	}
	for i := range n {
		maxServ = max(maxServ, m.service[i])
		if m.twOpen[i] < big {
			maxOpen = max(maxOpen, m.twOpen[i])
		}
	}
	for _, t := range m.types {
		c := t.fixed + t.cpd*float64(2*maxArc) + t.cpt*float64(2*maxArcT+maxServ+maxOpen)
		m.missMandatory = max(m.missMandatory, 100*c+1000)
	}
	return m, nil
}

// rounding is the geo rounding named by Travel.Rounding.
func rounding(name string) geo.Rounding {
	switch name {
	case "nint":
		return geo.Nint
	case "trunc1":
		return geo.Trunc1
	}
	return geo.Exact
}

// fitsType reports why stop node i cannot ride alone on type t, or "".
// The route is driven by drive (schedule.go) leaving at the earliest; its
// duration counts from the latest departure that reaches i as early.
func (m *model) fitsType(i int, t *vtype) string {
	for k := range m.dims {
		if m.demand[i*m.dims+k] > t.cap[k] {
			return fmt.Sprintf("demand.%s exceeds the capacity", dimNames[m.dimKind[k]])
		}
	}
	if m.skill[i]&^t.skills != 0 {
		return "requires skills the vehicle lacks"
	}
	c := modelClock{m}
	var start int64
	r := drive(c, t, t.start, t.twOpen, []int32{int32(i)}, false, func(_ int, _, s, _ int64) { start = s })
	if r.late > 0 {
		return "cannot be reached within its time windows"
	}
	home(c, t, &r)
	if r.now > t.twClose {
		return "cannot be served and returned from within the vehicle's shift"
	}
	_, out := c.leg(t, t.start, int32(i), t.twOpen)
	if r.now-max(t.twOpen, start-out) > t.maxDur {
		return "a round trip exceeds max_duration_s"
	}
	if r.dist > t.maxDist {
		return "a round trip exceeds max_distance_m"
	}
	return ""
}

// checkFit marks which stops fit some vehicle type alone. A mandatory stop
// that fits none is an input error naming the stop.
func (m *model) checkFit(in *Input) error {
	var v solver.Violations
	for s := range in.Stops {
		i := m.nd + s
		if m.fixed[i] {
			continue
		}
		reasons := make([]string, 0, len(m.types))
		for ti := range m.types {
			r := m.fitsType(i, &m.types[ti])
			if r == "" {
				m.fits[i] = true
				break
			}
			reasons = append(reasons, r)
		}
		if m.fits[i] {
			continue
		}
		slices.Sort(reasons)
		reasons = slices.Compact(reasons)
		m.why[i] = "fits no vehicle: " + reasons[0]
		if in.Stops[s].Penalty == 0 {
			field := fmt.Sprintf("stops[%d]", s)
			msg := "fits no vehicle: " + reasons[0]
			for k := range m.dims {
				kind := m.dimKind[k]
				if kind == dimStops {
					continue
				}
				over := true
				for ti := range m.types {
					if m.demand[i*m.dims+k] <= m.types[ti].cap[k] {
						over = false
					}
				}
				if over {
					field += ".demand." + dimNames[kind]
					msg = fmt.Sprintf("stop %q is heavier than every vehicle's capacity", in.Stops[s].ID)
					break
				}
			}
			v.Add(field, "%s", msg)
		}
	}
	if err := v.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrInfeasible, err)
	}
	return nil
}

// vehiclesFirst lowers the hierarchical objective (Options.FleetObjective
// "vehicles_first") onto the fixed cost: each vehicle costs more than any
// plan's travel and service (the sum over nodes of their dearest way out),
// so a plan with fewer vehicles always costs less. Unserved mandatory
// stops stay dearer still. Waiting is not in the bound.
func (m *model) vehiclesFirst() {
	var bound float64
	for ti := range m.types {
		bound = max(bound, m.travelBound(&m.types[ti]))
	}
	for ti := range m.types {
		m.types[ti].fixed += bound + 1
	}
	m.missMandatory += 100 * (bound + 1) * float64(len(m.slotType)+1)
}

// travelBound bounds what any plan of type t's vehicles costs in travel
// and service: the sum over nodes of their dearest way out and service.
func (m *model) travelBound(t *vtype) float64 {
	n1 := m.n + 1
	var sum float64
	for i := range m.n {
		var worst float64
		for j := range m.n {
			k := i*n1 + j
			worst = max(worst, t.cpd*float64(m.dist[t.prof][k])+t.cpt*float64(m.dur[t.prof][k]))
		}
		sum += worst + t.cpt*float64(m.service[i])
	}
	return sum
}

// departure is when a route whose segment is w leaves type t's start: as
// late as keeps its duration least (w.early), or with time-dependent
// travel or breaks, which the segments do not see, as early as t may
// (that is never later anywhere).
func (m *model) departure(w *seg, t *vtype) int64 {
	if m.td != nil || m.breaks || !m.hasTime {
		return t.twOpen
	}
	return max(w.early, t.twOpen)
}

// exactTime reports whether the segments only bound the timing (several
// windows per stop, time-dependent travel), so that schedules must be
// driven to be judged.
func (m *model) exactTime() bool { return m.multiTW || m.td != nil }

// drivenCost is the cost of nodes on type t leaving at depart, driven by
// drive: what the segments' cost becomes with time-dependent travel.
func (m *model) drivenCost(nodes []int32, t *vtype, depart int64) float64 {
	c := modelClock{m}
	r := drive(c, t, t.start, depart, nodes, false, nil)
	home(c, t, &r)
	return t.fixed + t.cpd*float64(r.dist) + t.cpt*float64(r.now-depart)
}
