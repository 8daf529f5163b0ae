module github.com/disclosurekit/disclosure/csafschema

go 1.24

require (
	github.com/disclosurekit/disclosure v0.0.0-00010101000000-000000000000
	github.com/dlclark/regexp2 v1.11.5
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
)

require golang.org/x/text v0.14.0 // indirect

replace github.com/disclosurekit/disclosure => ../
