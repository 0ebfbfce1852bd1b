// A real OpenID Connect provider (oidc-provider) for the single sign-on integration spec.
// oidc-provider ships as ESM only, so the spec runs this as a child process instead of loading it in Jest.
//
// Environment:
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET  the one confidential client
//   OIDC_TEST_REDIRECT_URI                        its only redirect URI
//   OIDC_TEST_ACCOUNTS                            JSON: { "<subject>": { <claims> }, ... }
// Prints one line `READY <issuer>` on stdout once it listens on 127.0.0.1:<free port>.
// The built-in development pages (devInteractions) sign in: login = the subject, any password.
import * as http from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(2);
  }
  return value;
};

const clientId = env('OIDC_TEST_CLIENT_ID');
const clientSecret = env('OIDC_TEST_CLIENT_SECRET');
const redirectUri = env('OIDC_TEST_REDIRECT_URI');
const accounts = JSON.parse(env('OIDC_TEST_ACCOUNTS'));

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub'],
    profile: ['name', 'family_name', 'given_name', 'middle_name'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
  },
  async findAccount(_ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ ...claims, sub: id }) };
  },
  pkce: { required: () => true },
  cookies: { keys: ['bdhv-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
// Development warnings (dev interactions, generated signing keys) are expected here.
provider.on('server_error', (_ctx, err) => console.error('server_error', err));

server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
