// Starts GOV.UK Frontend's components; loaded as <script type="module" nonce="...">.
import { initAll } from "/static/govuk-frontend.min.js";

initAll();
