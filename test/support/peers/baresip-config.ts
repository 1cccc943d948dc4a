/**
 * A headless baresip 1.0 config, after shared/sip/peers/baresip: loopback
 * only, no DNS, no sound device (aubridge plays and alerts into nothing),
 * G.711, and ctrl_tcp (JSON in netstrings) with the menu module's commands
 * (`reginfo`, `dial`, `hangup`). `audio` and `modules` add what a test needs.
 */
export function baresipConfig(options: { sipPort: number; ctrlPort: number; audio: string[]; modules: string[] }): string {
  return [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${options.sipPort}`,
    'net_interface 127.0.0.1',
    'dns_server 127.0.0.1:53',
    'audio_player aubridge,nullplay',
    'audio_alert aubridge,nullalert',
    ...options.audio,
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module aubridge.so',
    ...options.modules.map((name) => `module ${name}`),
    'module ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${options.ctrlPort}`,
    'module_app menu.so',
    'module_tmp uuid.so',
    'module_tmp account.so',
    '',
  ].join('\n');
}
