package simulate

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/reroute"
	"fulfil/solver/vrp"
)

// Policies, in the order Run reports them.
const (
	PolicyNone    = "none"    // drive the plan as it is
	PolicyReroute = "reroute" // re-route at each event
	PolicyResolve = "resolve" // solve from scratch at each event
)

// Options tune a simulation.
type Options struct {
	// Reroute tunes the re-router of the reroute policy (its defaults: 50
	// ms, threshold 10 min).
	Reroute reroute.Options `json:"reroute"`
	// ResolveS is the time limit of each solve from scratch of the
	// resolve policy (the solver may stop earlier when it converges); 0:
	// 10.
	ResolveS float64 `json:"resolve_s"`
	// Policies to run; empty: all three.
	Policies []string `json:"policies,omitempty"`
	// Request, when set, is called with each request the reroute policy
	// makes (to keep them for a load test); it must not keep req's slices
	// beyond the call unless it copies them.
	Request func(at float64, req *reroute.Request) `json:"-"`
}

// Result is a simulated day under each policy.
type Result struct {
	Stops    int      `json:"stops"` // deliveries due: planned less cancelled, plus new
	Events   int      `json:"events"`
	Policies []Policy `json:"policies"`
}

// Policy is one policy's day.
type Policy struct {
	Policy      string  `json:"policy"`
	OnTimePct   float64 `json:"on_time_pct"`
	LateStops   int     `json:"late_stops"` // served late or not at all
	Unserved    int     `json:"unserved"`
	LatenessMin float64 `json:"lateness_min"` // summed over stops served late
	Km          float64 `json:"km"`
	MovedStops  int     `json:"moved_stops"` // moved to another truck, summed over re-routes
	Notices     int     `json:"notices"`
	Calls       int     `json:"calls"`
	P50Ms       float64 `json:"reroute_p50_ms"`
	P99Ms       float64 `json:"reroute_p99_ms"`
	// Trucks are the timeline: each truck's driving periods and stops.
	Trucks []TruckDay `json:"trucks,omitempty"`
}

// TruckDay is one truck's day for the timeline.
type TruckDay struct {
	Truck    string       `json:"truck"`
	Spans    [][2]float64 `json:"spans"`
	Stops    []StopDone   `json:"stops"`
	BrokenAt float64      `json:"broken_at,omitempty"`
}

// StopDone is a served stop.
type StopDone struct {
	Stop   string  `json:"stop"`
	StartS float64 `json:"start_s"`
	Late   bool    `json:"late,omitempty"`
}

// Run replays the delivery day of plan with events under each policy.
// in gives the pickup points (new orders' places, service and opening),
// the travel figures and the deadline.
func Run(ctx context.Context, in *nightly.Input, plan *nightly.Plan, events []reroute.Event, opt Options) (*Result, error) {
	if plan.Routing.Input == nil || plan.Routing.Output == nil {
		return nil, fmt.Errorf("simulate: the plan has no routes")
	}
	pols := opt.Policies
	if len(pols) == 0 {
		pols = []string{PolicyNone, PolicyReroute, PolicyResolve}
	}
	if opt.ResolveS == 0 {
		opt.ResolveS = 10
	}
	res := &Result{Events: len(events)}
	for _, p := range pols {
		if !slices.Contains([]string{PolicyNone, PolicyReroute, PolicyResolve}, p) {
			return nil, fmt.Errorf("simulate: unknown policy %q (want none, reroute or resolve)", p)
		}
		d, err := newDay(in, plan, opt, p)
		if err != nil {
			return nil, err
		}
		pr, n, err := d.run(ctx, events)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", p, err)
		}
		res.Policies = append(res.Policies, *pr)
		res.Stops = n
	}
	return res, nil
}

// day is one policy's run.
type day struct {
	in      *nightly.Input
	opt     Options
	policy  string
	w       world
	places  map[string]place
	trucks  []*truck
	lg      log
	planned *vrp.Input  // the input the plan being driven answers
	plan    *vrp.Output // the plan being driven
	due     map[string]bool
	broken  []string
	traffic []reroute.Traffic
	newN    int
	pol     Policy
	lat     []float64
}

func newDay(in *nightly.Input, plan *nightly.Plan, opt Options, policy string) (*day, error) {
	src := plan.Routing.Input
	d := &day{in: in, opt: opt, policy: policy, places: map[string]place{}, due: map[string]bool{},
		lg: log{start: map[string]float64{}, by: map[string]string{}}}
	d.w = world{roadFactor: max(src.Travel.RoadFactor, 1), speedMS: src.Travel.SpeedKmh / 3.6}
	if src.Travel.RoadFactor == 0 {
		d.w.roadFactor = 1
	}
	cp := *src
	cp.Stops = slices.Clone(src.Stops)
	d.planned = &cp
	out := *plan.Routing.Output
	d.plan = &out
	for _, s := range src.Stops {
		d.learn(s)
	}
	for _, r := range d.plan.Routes {
		for _, v := range r.Visits {
			d.due[v.Stop] = true
		}
	}
	depot := map[string]geo.Point{}
	for _, dp := range src.Depots {
		depot[dp.ID] = dp.Location
	}
	for _, vh := range src.Vehicles {
		end := cmp.Or(vh.EndDepot, vh.StartDepot)
		tr := &truck{id: vh.ID, depot: depot[end], pos: depot[vh.StartDepot], atDepot: true}
		for _, r := range d.plan.Routes {
			if r.Vehicle == vh.ID {
				tr.departS = r.StartS
				for _, v := range r.Visits {
					tr.queue = append(tr.queue, v.Stop)
				}
			}
		}
		d.trucks = append(d.trucks, tr)
	}
	d.pol.Policy = policy
	return d, nil
}

// learn records a stop's place, service and window.
func (d *day) learn(s vrp.Stop) {
	p := place{loc: s.Location, serviceS: s.ServiceS, dueS: math.Inf(1)}
	if n := len(s.TimeWindows); n > 0 {
		p.openS, p.dueS = s.TimeWindows[0].StartS, s.TimeWindows[n-1].EndS
	}
	d.places[s.ID] = p
}

// run plays the events and then the rest of the day.
func (d *day) run(ctx context.Context, events []reroute.Event) (*Policy, int, error) {
	for _, e := range events {
		now := float64(e.AtS)
		for _, tr := range d.trucks {
			d.w.advance(tr, now, d.places, &d.lg)
		}
		var ch reroute.Events
		switch e.Type {
		case reroute.EventTraffic:
			if err := d.w.addJam(*e.Center, e.RadiusM, e.Factor, now, float64(e.UntilS)); err != nil {
				return nil, 0, err
			}
			d.traffic = append(d.traffic, reroute.Traffic{Center: e.Center, RadiusM: e.RadiusM, StartS: now, EndS: float64(e.UntilS), Factor: e.Factor})
		case reroute.EventBreakdown:
			for _, tr := range d.trucks {
				if tr.id == e.Truck && !tr.broken {
					d.broken = append(d.broken, tr.id)
					ch.Breakdowns = []string{tr.id}
				}
			}
		case reroute.EventNewOrder:
			s, err := d.newStop(e)
			if err != nil {
				return nil, 0, err
			}
			d.due[s.ID] = true
			d.learn(s)
			ch.NewStops = []vrp.Stop{s}
		case reroute.EventCancel:
			for _, s := range d.planned.Stops {
				if strings.HasPrefix(s.ID, e.PickupPoint+"@") && d.due[s.ID] && !d.served(s.ID) {
					ch.Cancelled = append(ch.Cancelled, s.ID)
					delete(d.due, s.ID)
				}
			}
		}
		if d.policy == PolicyNone {
			d.drivePlan(ch)
			continue
		}
		if err := d.reroute(ctx, now, ch); err != nil {
			return nil, 0, err
		}
		// A breakdown stops the truck after the re-router has seen where
		// it stands.
		d.stopBroken(ch.Breakdowns)
	}
	for _, tr := range d.trucks {
		d.w.advance(tr, math.Inf(1), d.places, &d.lg)
	}
	return d.score(), len(d.due), nil
}

func (d *day) served(id string) bool { _, ok := d.lg.start[id]; return ok }

// drivePlan applies an event to trucks that keep their plan: a broken
// truck stops, a cancelled stop is skipped, a new order waits for nobody.
func (d *day) drivePlan(ch reroute.Events) {
	d.stopBroken(ch.Breakdowns)
	for _, tr := range d.trucks {
		tr.queue = slices.DeleteFunc(tr.queue, func(s string) bool { return slices.Contains(ch.Cancelled, s) })
	}
}

func (d *day) stopBroken(ids []string) {
	for _, tr := range d.trucks {
		if slices.Contains(ids, tr.id) {
			tr.broken, tr.queue = true, nil
		}
	}
}

// reroute asks the re-router (or a solve from scratch) for a new plan at
// now and hands each truck its new route.
func (d *day) reroute(ctx context.Context, now float64, ch reroute.Events) error {
	rq := &reroute.Request{Input: *d.planned, Plan: *d.plan, Options: d.opt.Reroute}
	rq.Input.Stops = slices.Clone(d.planned.Stops)
	if d.policy == PolicyResolve {
		rq.Options.ColdStart, rq.Options.TimeLimitS = true, d.opt.ResolveS
	}
	rq.State.NowS = now
	onPlan := map[string]string{}
	for _, r := range d.plan.Routes {
		for _, v := range r.Visits {
			onPlan[v.Stop] = r.Vehicle
		}
	}
	for _, tr := range d.trucks {
		if tr.broken {
			continue
		}
		vs := reroute.VehicleState{Vehicle: tr.id}
		for s, by := range d.lg.by {
			if by == tr.id && onPlan[s] == tr.id {
				vs.Served = append(vs.Served, s)
			}
		}
		slices.Sort(vs.Served)
		switch {
		case tr.atDepot:
			vs.AtDepot = true
		default:
			p := tr.pos
			vs.Location = &p
			if tr.busy != "" {
				vs.Next = tr.busy
				r := tr.t - now
				vs.RemainingServiceS = &r
				vs.Served = slices.DeleteFunc(vs.Served, func(s string) bool { return s == tr.busy })
			} else if len(tr.queue) > 0 {
				vs.Next = tr.queue[0]
			}
		}
		rq.State.Vehicles = append(rq.State.Vehicles, vs)
	}
	rq.Events = reroute.Events{Traffic: d.traffic, Breakdowns: d.broken, NewStops: ch.NewStops, Cancelled: ch.Cancelled}
	if d.opt.Request != nil && d.policy == PolicyReroute {
		d.opt.Request(now, rq)
	}
	t0 := time.Now()
	ans, err := reroute.Reroute(ctx, rq)
	if err != nil {
		return err
	}
	d.lat = append(d.lat, float64(time.Since(t0).Microseconds())/1000)
	d.pol.Calls++
	d.pol.MovedStops += ans.Disruption.MovedStops
	d.pol.Notices += len(ans.Notices)
	// The plan driven from now on, and the input it answers (the planned
	// fleet, the stops left with transfers and reloads).
	d.plan = ans.Plan
	next := *d.planned
	next.Stops = nil
	for _, s := range ans.Input.Stops {
		s.Skills = slices.DeleteFunc(slices.Clone(s.Skills), func(k string) bool { return strings.HasPrefix(k, "\x00") })
		s.RemainingServiceS = nil
		d.learn(s)
		next.Stops = append(next.Stops, s)
	}
	d.planned = &next
	for _, tr := range d.trucks {
		if tr.broken {
			continue
		}
		tr.queue = nil
		for _, r := range ans.Plan.Routes {
			if r.Vehicle != tr.id {
				continue
			}
			if tr.atDepot {
				tr.departS = r.StartS
			}
			for _, v := range r.Visits {
				if v.Stop != tr.busy && !d.served(v.Stop) {
					tr.queue = append(tr.queue, v.Stop)
				}
			}
		}
	}
	return nil
}

// newStop turns a new order into a delivery to its pickup point, from the
// warehouse (and with the skills and penalty) of a planned delivery there,
// or of the nearest one.
func (d *day) newStop(e reroute.Event) (vrp.Stop, error) {
	var pp *nightly.PickupPoint
	for i := range d.in.PickupPoints {
		if d.in.PickupPoints[i].ID == e.PickupPoint {
			pp = &d.in.PickupPoints[i]
		}
	}
	if pp == nil {
		return vrp.Stop{}, fmt.Errorf("events line %d: unknown pickup point %q", e.Line, e.PickupPoint)
	}
	var like *vrp.Stop
	best := math.Inf(1)
	for i, s := range d.planned.Stops {
		dist := geo.HaversineM(s.Location, pp.Location)
		if strings.HasPrefix(s.ID, pp.ID+"@") {
			dist = -1
		}
		if dist < best && !strings.Contains(s.ID, ":") {
			best, like = dist, &d.planned.Stops[i]
		}
	}
	d.newN++
	load := vrp.Load{WeightKg: e.WeightKg, VolumeM3: e.VolumeM3}
	service := math.Ceil(float64(pp.ServiceS) + d.in.Travel.UnloadSPerKg*e.WeightKg)
	due := math.Max(float64(e.DeadlineS)-service, float64(pp.OpenS))
	s := vrp.Stop{ID: fmt.Sprintf("%s@new%d", pp.ID, d.newN), Location: pp.Location, Demand: load, ServiceS: service,
		TimeWindows: []vrp.TimeWindow{{StartS: float64(pp.OpenS), EndS: due}}}
	if like != nil {
		s.Skills = slices.DeleteFunc(slices.Clone(like.Skills), func(k string) bool { return k == "refrigerated" })
		s.Penalty = like.Penalty
	}
	return s, nil
}

// score counts the day's deliveries.
func (d *day) score() *Policy {
	p := d.pol
	onTime := 0
	for id := range d.due {
		st, ok := d.lg.start[id]
		switch {
		case !ok:
			p.Unserved++
			p.LateStops++
		case st > d.places[id].dueS+1e-6:
			p.LateStops++
			p.LatenessMin += (st - d.places[id].dueS) / 60
		default:
			onTime++
		}
	}
	if len(d.due) > 0 {
		p.OnTimePct = 100 * float64(onTime) / float64(len(d.due))
	}
	for _, tr := range d.trucks {
		p.Km += tr.metres / 1000
		td := TruckDay{Truck: tr.id, Spans: tr.spans, Stops: []StopDone{}}
		for s, by := range d.lg.by {
			if by == tr.id && !strings.Contains(s, ":") {
				td.Stops = append(td.Stops, StopDone{Stop: s, StartS: d.lg.start[s], Late: d.lg.start[s] > d.places[s].dueS+1e-6})
			}
		}
		slices.SortFunc(td.Stops, func(a, b StopDone) int { return cmp.Compare(a.StartS, b.StartS) })
		p.Trucks = append(p.Trucks, td)
	}
	slices.Sort(d.lat)
	p.P50Ms, p.P99Ms = quantile(d.lat, 0.5), quantile(d.lat, 0.99)
	return &p
}

// quantile of sorted xs by nearest rank; 0 when empty.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return xs[min(len(xs)-1, int(math.Ceil(q*float64(len(xs))))-1)]
}
