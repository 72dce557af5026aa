// Package jobq keeps asynchronous jobs durable on NATS JetStream, so that a
// job survives the crash of the process that accepted it or runs it, and so
// that any number of processes share the work.
//
// A job is three things in JetStream: its request, one message on the
// work-queue stream FULFIL_JOBS (subject fulfil.jobs.run), consumed by the
// durable pull consumer "workers"; its record (Record: state, endpoint,
// times, attempts, worker, error), one key of the key-value bucket
// fulfil_jobs; and its result, one object of the object store
// fulfil_results, written once the job ends (named for the job and the
// attempt that ended it, "id.attempt"), with the files a succeeded job
// produced beside it ("id.attempt/name"; Outcome.Files, Queue.File).
//
// Submit publishes the request with the job id as its message id (a
// retried publish is deduplicated), then writes the record with the
// message's sequence (Cancel deletes a queued job's message). Workers (worker.go)
// fetch one message per idle worker, mark the record running, keep the
// message's ack alive with InProgress every AckWait/3 while the job runs,
// write the result, then the final record, deliver the callback, and ack.
// A worker that dies stops sending InProgress, so the message is delivered
// again after AckWait to another worker (or to the same process once it is
// back); after MaxAttempts runs lost that way the job fails with code
// worker_lost. A worker that stops hands its jobs back, uncounted.
// Delivery is at least once; a redelivered job whose record is already
// final is only acked (and its callback delivered if it was owed), so that
// a result is written by one run and never replaced.
//
// Bounds: the stream holds at most MaxQueued jobs and MaxQueuedBytes of
// requests (queued or running; beyond, Submit returns ErrFull); results
// and their files count against ResultBytes, oldest job's purged first and
// together (budget.go), and ended jobs and their results are deleted
// Retention after they end (index.go sweeps the records; the object
// store's TTL backs it up).
//
// embed.go starts an in-process NATS server with JetStream file storage,
// for a single binary that keeps its jobs across a crash with nothing else
// installed. The package knows nothing of HTTP or of the solvers: the
// caller gives a RunFunc that turns a request into an Outcome.
package jobq
