package nightly_test

import (
	"context"
	"sync"
	"testing"

	"fulfil/datasets"
	"fulfil/nightly"
)

var festival struct {
	once sync.Once
	in   *nightly.Input
	err  error
}

// BenchmarkRunFestival plans the Dragon Boat night end to end on a fixed
// routing budget (100 iterations, one thread), so that runs compare the
// stages around the search; `fulfil demo` measures it at the default time
// limit.
func BenchmarkRunFestival(b *testing.B) {
	festival.once.Do(func() { festival.in, festival.err = datasets.Generate(datasets.DefaultScenario()) })
	if festival.err != nil {
		b.Fatal(festival.err)
	}
	opt := quickOptions()
	opt.Routing.Iterations = 100
	b.ReportAllocs()
	for b.Loop() {
		p, err := nightly.Run(context.Background(), festival.in, opt)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := nightly.Files(p); err != nil {
			b.Fatal(err)
		}
	}
}
