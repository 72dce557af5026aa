package server

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"fulfil/solver"
)

// pool runs tasks on a fixed number of workers fed by a bounded queue.
// Admission never blocks: submit fails at once when the queue is full, which
// the caller turns into 429. A task whose context ends while it waits is not
// run. The server has two pools: one for synchronous requests, one for
// jobs, so that a night of big jobs cannot starve re-routing calls.
type pool struct {
	queue   chan *task
	workers int
	quit    chan struct{}
	wg      sync.WaitGroup
	busy    atomic.Int64
	// serviceNs is an exponentially weighted mean of task run times, used
	// for Retry-After.
	serviceNs atomic.Int64
}

// task is one unit of work. run is called on a worker unless ctx ended
// while the task was queued; done is closed after either.
type task struct {
	ctx      context.Context
	run      func(ctx context.Context)
	done     chan struct{}
	enqueued time.Time
	started  time.Time
	skipped  error              // ctx's error when the task was not run
	panicked *solver.PanicError // set when run panicked
}

func newTask(ctx context.Context, run func(ctx context.Context)) *task {
	return &task{ctx: ctx, run: run, done: make(chan struct{})}
}

func newPool(workers, queue int) *pool {
	return &pool{queue: make(chan *task, queue), workers: workers, quit: make(chan struct{})}
}

// start launches the workers; stop ends them.
func (p *pool) start() {
	for range p.workers {
		p.wg.Go(p.loop)
	}
}

// stop ends the workers once they finish their current task. Tasks still
// queued are not run; their done channels are closed with skipped set to
// context.Canceled so that no waiter hangs.
func (p *pool) stop() {
	close(p.quit)
	p.wg.Wait()
	for {
		select {
		case t := <-p.queue:
			t.skipped = context.Canceled
			close(t.done)
		default:
			return
		}
	}
}

func (p *pool) loop() {
	for {
		select {
		case <-p.quit:
			return
		case t := <-p.queue:
			p.exec(t)
		}
	}
}

func (p *pool) exec(t *task) {
	defer close(t.done)
	if err := t.ctx.Err(); err != nil {
		t.skipped = err
		return
	}
	p.busy.Add(1)
	defer p.busy.Add(-1)
	t.started = time.Now()
	defer func() {
		if r := recover(); r != nil {
			t.panicked = &solver.PanicError{Value: r, Stack: string(debug.Stack())}
		}
		d := time.Since(t.started).Nanoseconds()
		old := p.serviceNs.Load()
		p.serviceNs.Store(old + (d-old)/8)
	}()
	t.run(t.ctx)
}

// submit queues t, or returns errOverloaded when the queue is full.
func (p *pool) submit(t *task) error {
	t.enqueued = time.Now()
	select {
	case p.queue <- t:
		return nil
	default:
		return errOverloaded
	}
}

// full reports whether the queue has no room left.
func (p *pool) full() bool { return len(p.queue) >= cap(p.queue) }

// depth is the number of queued tasks.
func (p *pool) depth() int { return len(p.queue) }

// retryAfter estimates in whole seconds when a slot frees up: the queue
// ahead of a new task times the mean run time, shared by the workers.
func (p *pool) retryAfter() int {
	mean := time.Duration(p.serviceNs.Load())
	s := mean.Seconds() * float64(p.depth()+1) / float64(max(1, p.workers))
	return int(min(60, max(1, math.Ceil(s))))
}

func (p *pool) String() string {
	return fmt.Sprintf("pool{workers: %d, queue: %d/%d, busy: %d}", p.workers, p.depth(), cap(p.queue), p.busy.Load())
}

// slots counts the synchronous requests admitted: from before their body
// is read until their solve has ended. Holding a slot is what entitles a
// request to memory (its body, its decoded input, its solver), so the
// memory of synchronous work is bounded by the slot count times the
// largest request, however many connections send at once. A request that
// finds no slot is answered 429 without its body being kept.
type slots struct {
	held atomic.Int64
	max  int64
}

func newSlots(n int) *slots { return &slots{max: int64(n)} }

// tryAcquire takes a slot, or reports false at once when none is free.
func (s *slots) tryAcquire() bool {
	for {
		n := s.held.Load()
		if n >= s.max {
			return false
		}
		if s.held.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// release returns a slot taken by tryAcquire.
func (s *slots) release() { s.held.Add(-1) }

// full reports whether every slot is taken.
func (s *slots) full() bool { return s.held.Load() >= s.max }
