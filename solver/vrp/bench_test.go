package vrp_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"fulfil/solver/vrp"
)

// benchX lazily loads X instances and their best-known values.
var benchX = struct {
	sync.Mutex
	in  map[string]*vrp.Input
	bks map[string]float64
}{in: map[string]*vrp.Input{}}

func loadX(b *testing.B, name string) (*vrp.Input, float64) {
	benchX.Lock()
	defer benchX.Unlock()
	if benchX.bks == nil {
		benchX.bks = bks(b, "cvrplib/X")
	}
	in, ok := benchX.in[name]
	if !ok {
		in = readCVRPLIB(b, filepath.Join(datasets_, "cvrplib/X", name+".vrp"))
		benchX.in[name] = in
	}
	return in, benchX.bks[name]
}

// solveGap solves in under opt b.N times and reports the mean gap to bks.
func solveGap(b *testing.B, in *vrp.Input, ref float64, opt vrp.Options) {
	b.ReportAllocs()
	opt.UseFullLimit = true
	var gaps, iters float64
	runs := 0
	for b.Loop() {
		out, err := vrp.Solve(context.Background(), in, opt)
		if err != nil {
			b.Fatal(err)
		}
		if !out.Feasible {
			b.Fatal("infeasible plan")
		}
		gaps += 100 * (out.Cost - ref) / ref
		iters += float64(out.Stats.Iterations)
		runs++
		opt.Seed++
	}
	b.ReportMetric(gaps/float64(runs), "gap%")
	b.ReportMetric(iters/float64(runs), "offspring/op")
}

// BenchmarkSolveX solves X instances under a 2 s limit with all threads.
// Run with -benchtime=1x; the full 10 s study belongs to `fulfil bench`.
func BenchmarkSolveX(b *testing.B) {
	for _, name := range []string{"X-n101-k25", "X-n200-k36", "X-n401-k29"} {
		b.Run(name, func(b *testing.B) {
			in, ref := loadX(b, name)
			opt := vrp.DefaultOptions()
			opt.TimeLimitS = 2
			solveGap(b, in, ref, opt)
		})
	}
}

// BenchmarkThreads compares 1 and 2 threads at equal wall time.
func BenchmarkThreads(b *testing.B) {
	for _, name := range []string{"X-n200-k36", "X-n401-k29"} {
		for _, threads := range []int{1, 2} {
			b.Run(name+"/threads="+string(rune('0'+threads)), func(b *testing.B) {
				in, ref := loadX(b, name)
				opt := vrp.DefaultOptions()
				opt.TimeLimitS = 3
				opt.Threads = threads
				solveGap(b, in, ref, opt)
			})
		}
	}
}

// BenchmarkNeighbourhoods turns each neighbourhood off in turn at equal
// time, to show what each contributes.
func BenchmarkNeighbourhoods(b *testing.B) {
	for _, c := range []struct {
		name string
		edit func(o *vrp.Options)
	}{
		{"all", func(*vrp.Options) {}},
		{"no-swapstar", func(o *vrp.Options) { o.NoSwapStar = true }},
		{"no-2opt*", func(o *vrp.Options) { o.NoTwoOptStar = true }},
		{"no-swap", func(o *vrp.Options) { o.NoSwap = true }},
		{"no-2opt", func(o *vrp.Options) { o.NoTwoOpt = true }},
	} {
		b.Run(c.name, func(b *testing.B) {
			in, ref := loadX(b, "X-n303-k21")
			opt := vrp.DefaultOptions()
			opt.TimeLimitS = 3
			opt.Threads = 1
			c.edit(&opt)
			solveGap(b, in, ref, opt)
		})
	}
}

// BenchmarkSavings is the Clarke–Wright baseline for comparison.
func BenchmarkSavings(b *testing.B) {
	for _, name := range []string{"X-n101-k25", "X-n401-k29", "X-n1001-k43"} {
		b.Run(name, func(b *testing.B) {
			in, ref := loadX(b, name)
			opt := vrp.DefaultOptions()
			opt.Method = "savings"
			solveGap(b, in, ref, opt)
		})
	}
}
