// The privacy module's entry: the privacy notice, the data download and account deletion. It owns no
// collection; it asks accounts and notes (through their entries) for what they hold.
export { createPrivacyService, type PrivacyService } from "./privacy.service";
export { privacyRouter } from "./privacy.routes";
