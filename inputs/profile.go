package inputs

// Profile is the short TOML file the sales representative writes for a customer.
// Zero values below mean "not given" where the field is optional; readiness
// applies the defaults (readiness.DefaultMigration, DefaultServiceDomain).
type Profile struct {
	Path      string    `toml:"-"` // the profile file as given
	Users     string    `toml:"users"`
	Sheet     string    `toml:"sheet"`
	Customer  Customer  `toml:"customer"`
	Onsite    Onsite    `toml:"onsite"`
	Mail      *Mail     `toml:"mail"`
	Migration Migration `toml:"migration"`
	Brand     Brand     `toml:"brand"`
}

type Customer struct {
	Name         string `toml:"name"`
	Tenant       string `toml:"tenant"`
	Language     string `toml:"language"`
	ContactName  string `toml:"contact_name"`
	ContactEmail string `toml:"contact_email"`
	MailLabel    string `toml:"mail_label"`
	// IdentityProvider is the identity provider users will sign in through
	// (e.g. "Microsoft Entra ID"); "" with IdentityProviderGiven: SuperOffice's
	// own sign-in. Not given: nobody has said.
	IdentityProvider      string `toml:"identity_provider"`
	IdentityProviderGiven bool   `toml:"-"`
	// RegisteredDomains are the e-mail domains SuperOffice has confirmed as
	// registered for sign-in through the identity provider; nil: nobody has
	// said, so registration is not confirmed.
	RegisteredDomains []string `toml:"registered_domains"`
}

type Onsite struct {
	Version        string   `toml:"version"`
	DatabaseGB     float64  `toml:"database_gb"`
	ArchiveGB      float64  `toml:"archive_gb"`
	Satellites     int      `toml:"satellites"`     // with SatellitesGiven; left out: unknown (unless the version or the export tells)
	TravelUsers    []string `toml:"travel_users"`   // nil: not given; empty: given, nobody out
	Customizations []string `toml:"customizations"` // nil: not given (unknown); empty: checked, none
	Integrations   []string `toml:"integrations"`   // nil: not given (unknown); empty: checked, none
	// CustomTables is how many custom tables (custom objects) the
	// installation has, for the CRM Suite plan's limit; with
	// CustomTablesGiven.
	CustomTables int `toml:"custom_tables"`

	// Set by the reader: whether the key was written, so that a count
	// nobody gave is not taken for 0.
	SatellitesGiven   bool `toml:"-"`
	CustomTablesGiven bool `toml:"-"`

	// What the consultant found in the database for the Online Migration
	// Tool's own checks. Lists: nil not checked, empty checked and none.
	FirstVersion     string     `toml:"first_version"`     // the release the database was first installed with
	SentryAddons     []string   `toml:"sentry_addons"`     // SentryAddonNames entries in UserPreference
	DictionaryTables []string   `toml:"dictionary_tables"` // custom tables made with the Dictionary SDK
	Documents        *Documents `toml:"documents"`         // [onsite.documents]; nil: not counted
}

// Documents is [onsite.documents]: counts of the documents the Online
// Migration Tool leaves behind or Online cannot store. A nil count was not
// given, which is not the same as 0.
type Documents struct {
	BlankName          *int `toml:"blank_name"`          // documents without a name
	MissingAppointment *int `toml:"missing_appointment"` // documents whose appointment is missing
	UnknownUser        *int `toml:"unknown_user"`        // documents of a user (associate) that no longer exists
	OverLimit          *int `toml:"over_limit"`          // files larger than Online stores
}

// Mail is the [mail] section: the Customer Service (Service) mailboxes. No
// section means nobody has said whether there are any; mailboxes = [] says
// there are none.
type Mail struct {
	Domain        string   `toml:"domain"` // required when there are mailboxes
	KeepAddresses bool     `toml:"keep_addresses"`
	CurrentSPF    string   `toml:"current_spf"`    // "" with CurrentSPFGiven: the domain has no SPF record today
	Mailboxes     []string `toml:"mailboxes"`      // nil: not given (unknown); empty: there are none
	ServiceDomain string   `toml:"service_domain"` // default suocrm.eu
	SPFCosts      SPFCosts `toml:"spf_costs"`      // [mail.spf_costs]; see spf_costs.go

	// Set by the reader: whether the key was written in the profile, so that
	// a choice nobody made is not taken for "false" or "no record".
	KeepAddressesGiven bool `toml:"-"`
	CurrentSPFGiven    bool `toml:"-"`
}

// NoMailboxes reports whether the profile says the customer has no
// Customer Service mailboxes (as opposed to saying nothing).
func (m *Mail) NoMailboxes() bool {
	if m == nil || m.Mailboxes == nil {
		return false
	}
	for _, b := range m.Mailboxes {
		if b != "" {
			return false
		}
	}
	return true
}

// Migration holds the downtime model's rates. A zero rate is not given:
// readiness uses its default (readiness.DefaultMigration).
type Migration struct {
	UplinkMbps        float64 `toml:"uplink_mbps"`          // customer's upload bandwidth to Online
	Efficiency        float64 `toml:"efficiency"`           // share of the uplink OMT really uses, 0..1
	DatabaseGBPerHour float64 `toml:"database_gb_per_hour"` // database export + import rate
	FixedHours        float64 `toml:"fixed_hours"`          // freeze, checks, DNS, smoke test
	LowFactor         float64 `toml:"low_factor"`           // low = expected × low_factor
	HighFactor        float64 `toml:"high_factor"`          // high = expected × high_factor
}

type Brand struct {
	Logo            string `toml:"logo"` // relative to the profile's folder
	Color           string `toml:"color"`
	PreparedBy      string `toml:"prepared_by"`
	PreparedByEmail string `toml:"prepared_by_email"`
}
