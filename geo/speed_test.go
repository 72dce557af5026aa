package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func hm(h, m float64) float64 { return h*3600 + m*60 }

// TestArrivalJam works the district example by hand: 07:30-09:00 twice as
// slow, a trip of 30 minutes at free flow.
func TestArrivalJam(t *testing.T) {
	p, err := NewSpeedProfile([]FactorPeriod{{StartS: hm(7, 30), EndS: hm(9, 0), Factor: 2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name          string
		depart, want  float64
		latestForWant bool
	}{
		{"before, ends at the jam", hm(7, 0), hm(7, 30), true},
		{"half in the jam", hm(7, 15), hm(8, 0), true},
		{"inside", hm(8, 0), hm(9, 0), true},
		{"leaves the jam", hm(8, 45), hm(9, 22) + 30, true},
		{"after", hm(9, 0), hm(9, 30), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.Arrival(tc.depart, 1800); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("Arrival(%g): got %g, want %g", tc.depart, got, tc.want)
			}
			if got := p.LatestDeparture(tc.want, 1800); math.Abs(got-tc.depart) > 1e-9 && !(tc.depart == hm(7, 0)) {
				t.Errorf("LatestDeparture(%g): got %g, want %g", tc.want, got, tc.depart)
			}
		})
	}
	// Arriving by 07:30 exactly: leaving at 07:00 is the latest.
	if got := p.LatestDeparture(hm(7, 30), 1800); got != hm(7, 0) {
		t.Errorf("LatestDeparture(07:30): got %g, want %g", got, hm(7, 0))
	}
}

func randomProfile(r *rand.Rand) (*SpeedProfile, []FactorPeriod) {
	var periods []FactorPeriod
	for range r.IntN(5) {
		s := r.Float64() * 20000
		periods = append(periods, FactorPeriod{StartS: s, EndS: s + 1 + r.Float64()*5000, Factor: 0.3 + r.Float64()*3})
	}
	p, err := NewSpeedProfile(periods)
	if err != nil {
		panic(err)
	}
	return p, periods
}

// TestArrivalAgainstIntegration integrates the speed in small steps and
// checks FIFO and the inverse on random profiles.
func TestArrivalAgainstIntegration(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		p, periods := randomProfile(r)
		factor := func(t float64) float64 { // the periods' max, by brute force
			f := 0.0
			for _, q := range periods {
				if q.StartS <= t && t < q.EndS {
					f = max(f, q.Factor)
				}
			}
			return cond0(f)
		}
		depart, free := r.Float64()*20000, r.Float64()*6000
		// Steps of 0.1 s of real time, each covering 0.1/factor free-flow
		// seconds: a step across a break errs by at most 0.1 × 3.3 / 0.3.
		const dt = 0.1
		tt, left := depart, free
		for left > dt/factor(tt) {
			left -= dt / factor(tt)
			tt += dt
		}
		want := tt + left*factor(tt)
		got := p.Arrival(depart, free)
		if math.Abs(got-want) > 1.2 {
			t.Fatalf("trial %d: Arrival(%g, %g): got %g, integration %g", trial, depart, free, got, want)
		}
		if f, g := p.FactorAt(depart), factor(depart); f != g {
			t.Fatalf("trial %d: FactorAt(%g): got %g, want %g", trial, depart, f, g)
		}
		later := depart + r.Float64()*3000
		if a2 := p.Arrival(later, free); a2 < got-1e-9 {
			t.Fatalf("trial %d: not FIFO: leaving %g arrives %g, leaving %g arrives %g", trial, depart, got, later, a2)
		}
		if back := p.LatestDeparture(got, free); math.Abs(back-depart) > 1e-6 {
			t.Fatalf("trial %d: LatestDeparture(Arrival(%g)) = %g", trial, depart, back)
		}
		q, _ := randomProfile(r)
		m := p.Max(q)
		for range 20 {
			x := r.Float64() * 26000
			if got, want := m.FactorAt(x), max(p.FactorAt(x), q.FactorAt(x)); got != want {
				t.Fatalf("trial %d: Max at %g: got %g, want %g", trial, x, got, want)
			}
		}
	}
}

func cond0(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

func TestSpeedProfileRejects(t *testing.T) {
	for _, p := range [][]FactorPeriod{
		{{StartS: 10, EndS: 10, Factor: 2}},
		{{StartS: 0, EndS: 10, Factor: 0}},
		{{StartS: 0, EndS: 10, Factor: -1}},
		{{StartS: 0, EndS: math.Inf(1), Factor: 2}},
		{{StartS: 0, EndS: 10, Factor: math.NaN()}},
	} {
		if _, err := NewSpeedProfile(p); err == nil {
			t.Errorf("%v: got no error", p)
		}
	}
	var free *SpeedProfile
	if !free.Free() || free.Arrival(5, 10) != 15 || free.LatestDeparture(15, 10) != 5 {
		t.Error("nil profile is not free flow")
	}
}
