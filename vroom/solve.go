package vroom

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// SolveJSON decodes a VROOM input and solves it: the whole of POST
// /v1/vroom. Errors are *Error with VROOM's code.
func SolveJSON(ctx context.Context, body []byte, opt Options) (*Output, error) {
	in, err := Decode(body)
	if err != nil {
		return nil, err
	}
	return Solve(ctx, in, opt)
}

// Solve answers a VROOM problem. Vehicles with steps are evaluated as
// given (plan mode); the other vehicles are optimised by vrp.Solve over
// the jobs no steps name. Every optimised plan is rechecked by vrp.Check
// and every route is recomputed from the VROOM input with VROOM's rules,
// where an optimised route must show no violation. Errors are *Error:
// code 2 for input the solver cannot take (naming the key), 1 otherwise.
func Solve(ctx context.Context, in *Input, opt Options) (*Output, error) {
	t0 := time.Now()
	if err := validate(in); err != nil {
		return nil, inputError(err)
	}
	if !(opt.SpeedKmh >= 0 && opt.SpeedKmh < 1000) || !(opt.RoadFactor == 0 || opt.RoadFactor >= 1 && opt.RoadFactor < 100) {
		return nil, &Error{Code: CodeInput, Message: fmt.Sprintf("options: speed_kmh must be in [0, 1000) and road_factor 0 or in [1, 100), got %g and %g", opt.SpeedKmh, opt.RoadFactor)}
	}
	if err := opt.Search.Validate(); err != nil {
		return nil, inputError(err)
	}
	c := compile(in, opt)
	loaded := time.Now()

	routes := make([]*routeOf, len(in.Vehicles)) // per vehicle, nil when unused
	onSteps := make([]int, len(c.tasks))         // per task: 1 + the vehicle whose steps name it, or 0
	taskIndex := make(map[taskKey]int, len(c.tasks))
	for t, tk := range c.tasks {
		taskIndex[taskKey{tk.kind, tk.id}] = t
	}
	var free, open []int // vehicles to optimise, jobs for them
	for v, vh := range in.Vehicles {
		if len(vh.Steps) == 0 {
			if vh.MaxTasks == nil || *vh.MaxTasks > 0 {
				free = append(free, v)
			}
			continue
		}
		r, err := c.planRoute(v, taskIndex)
		if err != nil {
			return nil, &Error{Code: CodeInput, Message: fmt.Sprintf("vehicles[%d].steps: infeasible route for vehicle %d: %v", v, vh.ID, err), Err: err}
		}
		for _, j := range r.jobs {
			if !isBreak(j) {
				onSteps[j] = 1 + v
			}
		}
		if err := c.checkPlan(v, r); err != nil {
			return nil, internalError(err)
		}
		routes[v] = r
	}
	why := map[int]string{}
	for j := range c.tasks {
		if onSteps[j] > 0 {
			continue
		}
		m := c.mate(j)
		if m >= 0 && onSteps[m] > 0 {
			why[j] = fmt.Sprintf("its shipment's %s is on the steps of vehicle %d, and this end is not (plan mode)", c.tasks[m].kind, in.Vehicles[onSteps[m]-1].ID)
			continue
		}
		if len(free) == 0 {
			why[j] = "no vehicle without steps is left to serve it (plan mode)"
			continue
		}
		k := c.noCapacity(j, free)
		if m >= 0 && k < 0 {
			k = c.noCapacity(m, free)
		}
		if k >= 0 {
			why[j] = fmt.Sprintf("no vehicle has capacity in amount dimension %d", k)
			continue
		}
		open = append(open, j)
	}
	var stats solver.Stats
	if len(open) > 0 {
		var err error
		if stats, err = c.optimise(ctx, opt.Search, free, open, routes, why); err != nil {
			return nil, err
		}
	}
	out := c.output(routes, why)
	out.Stats = stats
	out.Summary.ComputingTimes = ComputingTimes{
		Loading: loaded.Sub(t0).Milliseconds(),
		Solving: time.Since(loaded).Milliseconds(),
	}
	return out, nil
}

// taskKey names a task as steps do: its step type and id. (VROOM keeps
// one id space per type: a job, a pickup and a delivery may share an id.)
type taskKey struct {
	kind string
	id   uint64
}

// routeOf is one vehicle's tasks in order and their schedule.
type routeOf struct {
	jobs []int // tasks
	tl   *timeline
	plan bool // from steps (plan mode)
}

// tasks counts the tasks of r (its items that are not breaks).
func (r *routeOf) tasks() int {
	n := 0
	for _, x := range r.jobs {
		if !isBreak(x) {
			n++
		}
	}
	return n
}

// planRoute evaluates the fixed route of vehicle v from its steps.
func (c *compiled) planRoute(v int, taskIndex map[taskKey]int) (*routeOf, error) {
	steps := c.in.Vehicles[v].Steps
	r := &routeOf{plan: true}
	bounds := []bound{free}
	var endBound = free
	for s := range steps {
		st := &steps[s]
		switch st.Type {
		case "start":
			bounds[0] = boundOf(st)
		case "end":
			endBound = boundOf(st)
		case "job", "pickup", "delivery":
			r.jobs = append(r.jobs, taskIndex[taskKey{st.Type, *st.ID}])
			bounds = append(bounds, boundOf(st))
		case "break":
			b := slices.IndexFunc(c.breaks[v], func(b brk) bool { return b.id == *st.ID })
			r.jobs = append(r.jobs, breakItem(b))
			bounds = append(bounds, boundOf(st))
		}
	}
	bounds = append(bounds, endBound)
	tl, err := c.schedule(v, r.jobs, bounds)
	if err != nil {
		return nil, err
	}
	r.tl = tl
	return r, nil
}

// checkPlan has vrp.Check recompute the travel cost of plan mode route r
// of vehicle v from the vrp input, and compares it with VROOM's terms.
// (Check's time and load verdicts are not compared: the vrp model is
// stricter on setup, pickups and max_travel_time; breaks, which cost
// nothing, are left out.)
func (c *compiled) checkPlan(v int, r *routeOf) error {
	tasks := slices.DeleteFunc(slices.Clone(r.jobs), isBreak)
	if len(tasks) == 0 || c.classes[c.vclass[v]].byDist {
		return nil
	}
	vin := c.vrpInput([]int{v}, tasks)
	vin.Vehicles[0].Breaks = nil
	rt := vrp.Route{Vehicle: vin.Vehicles[0].ID, StartDepot: vin.Vehicles[0].StartDepot, StartS: float64(r.tl.start.start)}
	for _, j := range tasks {
		rt.Visits = append(rt.Visits, vrp.Visit{Stop: "j" + strconv.Itoa(j)})
	}
	want := float64(costsOf(c.in.Vehicles[v]).Fixed) + c.travelCost(v, r.jobs)
	rep, err := vrp.Check(vin, &vrp.Output{Routes: []vrp.Route{rt}, Unassigned: []vrp.Unassigned{}, Cost: want})
	if err != nil {
		return err
	}
	for _, x := range rep.Violations {
		if x.Field == "cost" {
			return fmt.Errorf("vehicle %d: plan route cost disagrees with vrp.Check: %s", c.in.Vehicles[v].ID, x.Message)
		}
	}
	return nil
}

// noCapacity returns an amount dimension in which job j needs room that
// none of vehicles has, or -1. (The vrp model leaves a dimension no
// vehicle limits unlimited; VROOM reads it as capacity 0.)
func (c *compiled) noCapacity(j int, vehicles []int) int {
	for k := range c.dims {
		if c.delivery[j][k]+c.pickup[j][k] == 0 {
			continue
		}
		if !slices.ContainsFunc(vehicles, func(v int) bool { return c.capacity[v][k] > 0 }) {
			return k
		}
	}
	return -1
}

// optimise routes jobs on vehicles with vrp.Solve, checks the plan with
// vrp.Check and stores each route, scheduled with VROOM's rules, in routes;
// jobs left out get a reason in why.
func (c *compiled) optimise(ctx context.Context, sopt vrp.Options, vehicles, jobs []int, routes []*routeOf, why map[int]string) (solver.Stats, error) {
	if jobs = c.squeezed(vehicles, jobs, why); len(jobs) == 0 {
		return solver.Stats{}, nil
	}
	vin := c.vrpInput(vehicles, jobs)
	vout, err := vrp.Solve(ctx, vin, sopt)
	if err != nil {
		if _, ok := errors.AsType[*solver.InputError](err); ok && !errors.Is(err, vrp.ErrInfeasible) {
			return solver.Stats{}, inputError(err)
		}
		return solver.Stats{}, internalError(err)
	}
	rep, err := vrp.Check(vin, vout)
	if err != nil {
		return solver.Stats{}, internalError(err)
	}
	if !rep.Feasible {
		return solver.Stats{}, internalError(fmt.Errorf("the plan fails vrp.Check: %s", rep.Violations[0]))
	}
	for _, rt := range vout.Routes {
		v, _ := strconv.Atoi(strings.TrimPrefix(rt.Vehicle, "v"))
		r := &routeOf{}
		for _, vis := range rt.Visits {
			if vis.Break {
				b, _ := strconv.Atoi(strings.TrimPrefix(vis.Stop, "b"))
				r.jobs = append(r.jobs, breakItem(b))
				continue
			}
			j, _ := strconv.Atoi(strings.TrimPrefix(vis.Stop, "j"))
			r.jobs = append(r.jobs, j)
		}
		bounds := make([]bound, len(r.jobs)+2)
		for b := range bounds {
			bounds[b] = free
		}
		if r.tl, err = c.schedule(v, r.jobs, bounds); err != nil {
			return solver.Stats{}, internalError(err)
		}
		if k := &c.classes[c.vclass[v]]; !k.byDist {
			fixed := float64(costsOf(c.in.Vehicles[v]).Fixed)
			if got := fixed + c.travelCost(v, r.jobs); math.Abs(got-rt.Cost) > 1e-6*max(1, got) {
				return solver.Stats{}, internalError(fmt.Errorf("vehicle %d: route cost %g in VROOM's terms, %g in the solver's", c.in.Vehicles[v].ID, got, rt.Cost))
			}
		}
		routes[v] = r
	}
	for _, u := range vout.Unassigned {
		j, _ := strconv.Atoi(strings.TrimPrefix(u.ID, "j"))
		why[j] = u.Reason
	}
	return vout.Stats, nil
}

// vrpInput builds the vrp problem of jobs on vehicles. Its explicit
// matrices are over c's places: each vehicle class is a profile whose
// distance is VROOM's travel cost (priced 1 per unit) and whose duration is
// the travel time. Every job is optional, its penalty more than any plan's
// cost, and one priority level is worth more than all lower-priority jobs
// together when the numbers allow (see penalties).
func (c *compiled) vrpInput(vehicles, jobs []int) *vrp.Input {
	vin := &vrp.Input{}
	loc := func(p int) [2]float64 {
		if l := c.places[p].loc; l != nil {
			return [2]float64{l[0], l[1]}
		}
		return [2]float64{}
	}
	// The matrices hold only the places these vehicles and jobs use:
	// used[x] is a place, row[p] its row.
	var used []int
	row := make(map[int]int)
	use := func(p int) {
		if _, ok := row[p]; !ok {
			row[p] = len(used)
			used = append(used, p)
		}
	}
	for _, v := range vehicles {
		use(max(c.start[v], 0))
		if c.end[v] >= 0 {
			use(c.end[v])
		}
	}
	for _, j := range jobs {
		use(c.jobPlace[j])
	}
	depot := map[int]string{}
	depotOf := func(p int) string {
		if id, ok := depot[p]; ok {
			return id
		}
		id := "p" + strconv.Itoa(p)
		depot[p] = id
		vin.Depots = append(vin.Depots, vrp.Depot{ID: id, Location: loc(p), MatrixIndex: new(row[p])})
		return id
	}
	prof := map[int]string{}
	for _, v := range vehicles {
		vh := &c.in.Vehicles[v]
		ci := c.vclass[v]
		k := &c.classes[ci]
		if _, ok := prof[ci]; !ok {
			prof[ci] = "c" + strconv.Itoa(ci)
			n := len(used)
			dm, tm := make([][]float64, n), make([][]float64, n)
			for x, p := range used {
				dm[x], tm[x] = make([]float64, n), make([]float64, n)
				for y, q := range used {
					a := p*c.np + q
					tm[x][y] = float64(k.dur[a])
					if k.byDist {
						dm[x][y] = float64(k.dist[a])
					} else {
						dm[x][y] = k.cost[a]
					}
				}
			}
			vin.Profiles = append(vin.Profiles, vrp.Profile{ID: prof[ci], DistanceM: dm, DurationS: tm})
		}
		cs := costsOf(*vh)
		vv := vrp.Vehicle{
			ID: "v" + strconv.Itoa(v), Count: 1, Profile: prof[ci],
			StartDepot: depotOf(max(c.start[v], 0)),
			Capacity:   toLoad(c.capacity[v]),
			FixedCost:  float64(cs.Fixed),
			CostPerM:   1,
			Skills:     skillNames(vh.Skills),
		}
		if k.byDist {
			vv.CostPerM, vv.CostPerS = float64(k.perKm)/1000, float64(k.perHour)/3600
			if vv.CostPerM == 0 && vv.CostPerS == 0 {
				vv.CostPerS = 1e-9 // free travel; 0 and 0 would mean 1 per metre
			}
		}
		if c.end[v] >= 0 {
			vv.EndDepot = depotOf(c.end[v])
		} else {
			vv.OpenEnd = true
		}
		if w := vh.TimeWindow; w != nil {
			vv.Shift = &vrp.TimeWindow{StartS: float64(w[0]), EndS: float64(w[1])}
		}
		// max_travel_time bounds travel only; the vrp model bounds the
		// whole duration (travel, service and waiting): stricter, so
		// always within VROOM's limit.
		if x := vh.MaxTravelTime; x != nil {
			vv.MaxDurationS = max(float64(*x), 1e-3)
		}
		if x := vh.MaxDistance; x != nil {
			vv.MaxDistanceM = max(float64(*x), 1e-3)
		}
		if x := vh.MaxTasks; x != nil {
			vv.MaxStops = *x
		}
		for b, br := range c.breaks[v] {
			vv.Breaks = append(vv.Breaks, vrp.Break{ID: "b" + strconv.Itoa(b),
				Window: vrp.TimeWindow{StartS: float64(br.lo), EndS: float64(br.hi)}, DurationS: float64(br.service)})
		}
		vin.Vehicles = append(vin.Vehicles, vv)
	}
	pen := c.penalties(vin, jobs)
	chosen := make(map[int]bool, len(jobs))
	for _, j := range jobs {
		chosen[j] = true
	}
	// Loads. Without shipments a route's VROOM load never exceeds its
	// jobs' total delivery plus total pickup: each job demands both, a
	// delivery from the start in the vrp model (conservative when a route
	// mixes the two). With shipments the vrp load rises and falls along
	// the route; a job demands its delivery, and every vehicle's capacity
	// shrinks by the total pickup of these jobs, which bounds what job
	// pickups can add to any VROOM load (conservative too).
	shipments := c.hasShipments(jobs)
	if shipments {
		for x, v := range vehicles {
			vin.Vehicles[x].Capacity = toLoad(c.shrunk(v, jobs))
		}
	}
	for _, j := range jobs {
		tk := &c.tasks[j]
		p := c.jobPlace[j]
		demand := make([]int64, c.dims)
		for k := range demand {
			switch {
			case tk.kind == "pickup":
				demand[k] = c.pickup[j][k]
			case shipments:
				demand[k] = c.delivery[j][k]
			default:
				demand[k] = c.delivery[j][k] + c.pickup[j][k]
			}
		}
		st := vrp.Stop{
			ID: "j" + strconv.Itoa(j), Location: loc(p), MatrixIndex: new(row[p]),
			Demand:   toLoad(demand),
			ServiceS: float64(tk.setup + tk.service), // setup always: VROOM may skip it, never add it
			Skills:   skillNames(tk.skills),
			Penalty:  pen[j],
		}
		if m := c.mate(j); tk.kind == "pickup" && chosen[m] {
			st.DeliverTo = "j" + strconv.Itoa(m)
		}
		for _, w := range c.windows[j] {
			st.TimeWindows = append(st.TimeWindows, vrp.TimeWindow{StartS: float64(w[0]), EndS: float64(w[1])})
		}
		vin.Stops = append(vin.Stops, st)
	}
	return vin
}

func (c *compiled) hasShipments(jobs []int) bool {
	return slices.ContainsFunc(jobs, func(j int) bool { return c.tasks[j].ship >= 0 })
}

// shrunk is vehicle v's capacity less the total pickup of the jobs among
// tasks: its vrp capacity when tasks hold shipments (see vrpInput).
func (c *compiled) shrunk(v int, tasks []int) []int64 {
	capa := slices.Clone(c.capacity[v])
	for _, j := range tasks {
		if c.tasks[j].kind == "job" {
			for k := range capa {
				capa[k] -= c.pickup[j][k]
			}
		}
	}
	for k := range capa {
		capa[k] = max(0, capa[k])
	}
	return capa
}

// squeezed leaves out of jobs the shipments that need room in an amount
// dimension where job pickups leave none on any vehicle (the vrp model
// would read a dimension no vehicle limits as unlimited), with a reason
// in why.
func (c *compiled) squeezed(vehicles, jobs []int, why map[int]string) []int {
	if !c.hasShipments(jobs) {
		return jobs
	}
	for k := range c.dims {
		if slices.ContainsFunc(vehicles, func(v int) bool { return c.shrunk(v, jobs)[k] > 0 }) {
			continue
		}
		jobs = slices.DeleteFunc(slices.Clone(jobs), func(j int) bool {
			if c.tasks[j].ship < 0 || c.pickup[j][k]+c.delivery[j][k] == 0 {
				return false
			}
			why[j] = fmt.Sprintf("job pickups leave no vehicle room in amount dimension %d (shipments are planned with room for every job pickup)", k)
			return true
		})
	}
	return jobs
}

// maxPenalty keeps penalties inside the vrp model's number range.
const maxPenalty = 1e11

// penalties prices leaving each job unserved: base, more than any plan of
// vin's vehicles can cost, times 1 + priority × (jobs + 1), so that VROOM's
// order holds (priority first, then the number of jobs served, then
// cost). When that would pass maxPenalty the priority factor shrinks.
func (c *compiled) penalties(vin *vrp.Input, jobs []int) map[int]float64 {
	// A route lasts at most the span of all windows plus all travel and
	// work: what a per second price (max_distance vehicles) can cost.
	var maxArc, maxDur, work float64
	first, last := math.Inf(1), math.Inf(-1)
	for _, pr := range vin.Profiles {
		for _, row := range pr.DistanceM {
			maxArc = max(maxArc, slices.Max(row))
		}
		for _, row := range pr.DurationS {
			maxDur = max(maxDur, slices.Max(row))
		}
	}
	for _, j := range jobs {
		work += float64(c.tasks[j].setup + c.tasks[j].service)
		for _, w := range c.windows[j] {
			first, last = min(first, float64(w[0])), max(last, float64(w[1]))
		}
	}
	for _, vv := range vin.Vehicles {
		if vv.Shift != nil {
			first, last = min(first, vv.Shift.StartS), max(last, vv.Shift.EndS)
		}
	}
	arcs := float64(len(jobs) + len(vin.Vehicles))
	horizon := arcs*maxDur + work
	if last > first {
		horizon += last - first
	}
	base := 1.0
	for _, vv := range vin.Vehicles {
		base += vv.FixedCost + arcs*maxArc*max(vv.CostPerM, 1) + vv.CostPerS*horizon
	}
	factor := float64(len(jobs) + 1)
	if base*(1+100*factor) > maxPenalty {
		factor = max(1, math.Floor((maxPenalty/base-1)/100))
	}
	pen := make(map[int]float64, len(jobs))
	for _, j := range jobs {
		pen[j] = min(base*(1+float64(c.tasks[j].priority)*factor), maxPenalty)
		if c.tasks[j].ship >= 0 {
			pen[j] /= 2 // a shipment's two ends share one task's penalty
		}
	}
	return pen
}

// travelCost is VROOM's travel cost of jobs in order on vehicle v.
func (c *compiled) travelCost(v int, jobs []int) float64 {
	k := &c.classes[c.vclass[v]]
	var sum float64
	at := c.start[v]
	for _, j := range jobs {
		if isBreak(j) {
			continue
		}
		if at >= 0 {
			sum += k.cost[at*c.np+c.jobPlace[j]]
		}
		at = c.jobPlace[j]
	}
	if e := c.end[v]; e >= 0 && at >= 0 {
		sum += k.cost[at*c.np+e]
	}
	return sum
}

func costsOf(vh Vehicle) Costs {
	if vh.Costs == nil {
		return Costs{}
	}
	return *vh.Costs
}

// toLoad maps amount dimensions 0, 1, 2 to the vrp model's units, weight
// and volume: each is an integer count there.
func toLoad(a []int64) vrp.Load {
	var l vrp.Load
	if len(a) > 0 {
		l.Units = a[0]
	}
	if len(a) > 1 {
		l.WeightKg = float64(a[1])
	}
	if len(a) > 2 {
		l.VolumeM3 = float64(a[2])
	}
	return l
}

func skillNames(s []uint32) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = "s" + strconv.FormatUint(uint64(x), 10)
	}
	return out
}
