module github.com/disclosurekit/disclosure/csafbench

go 1.26.0

replace github.com/disclosurekit/disclosure => ../

require (
	github.com/disclosurekit/disclosure v0.0.0-00010101000000-000000000000
	github.com/gocsaf/csaf/v3 v3.7.0
)

require (
	github.com/Intevation/gval v1.3.0 // indirect
	github.com/Intevation/jsonpath v0.2.1 // indirect
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/shopspring/decimal v1.5.0 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/perf v0.0.0-20260908200009-22c9c6c9d4da // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)

tool golang.org/x/perf/cmd/benchstat
