import t from 'tap';
import { loadConfig } from '../../src/config.js';

t.test('the coordinating agency is MFA unless COORDINATING_AGENCY names another agency', async (t) => {
  t.equal(loadConfig({}).coordinatingAgency, 'MFA');
  t.equal(loadConfig({ COORDINATING_AGENCY: '' }).coordinatingAgency, 'MFA', 'empty counts as unset');
  t.equal(loadConfig({ COORDINATING_AGENCY: 'NSC' }).coordinatingAgency, 'NSC');
});

t.test('refuses to start when COORDINATING_AGENCY is not an agency code, naming the variable', async (t) => {
  t.throws(() => loadConfig({ COORDINATING_AGENCY: 'mfa' }), {
    name: 'ConfigError',
    message: /COORDINATING_AGENCY: must be one of MFA, OAG/,
  });
  t.throws(() => loadConfig({ COORDINATING_AGENCY: 'Cabinet' }), /COORDINATING_AGENCY/);
});
