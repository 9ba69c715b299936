// The most common passwords (TRUST.md S1), refused at registration and password change.
// Edit when a new leak shows another favourite. Entries are lower-case; comparison is
// case-insensitive. Only entries of 8+ characters can reach this check (shorter passwords
// are refused for length first), but the short favourites stay listed so the list reads as
// what it is. Sources: the well-known public rankings (global lists and the 2011 CSDN /
// Tianya leaks that show Chinese habits: 520 / 1314 = "I love you (for life)", woaini,
// qq, keyboard walks, repeated lucky digits), plus a few words specific to this portal.

const LIST = [
  // Digits: runs, repeats, lucky numbers
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '01234567',
  '12345', '1234', '123123', '123123123', '12341234', '123321', '1233210', '123321123',
  '12344321', '123454321', '654321', '7654321', '87654321', '987654321', '9876543210',
  '111111', '1111111', '11111111', '111111111', '1111111111', '000000', '00000000',
  '000000000', '0000000000', '222222', '22222222', '333333', '33333333', '444444', '55555555',
  '666666', '66666666', '666888', '777777', '77777777', '888888', '88888888', '888888888',
  '999999', '99999999', '11223344', '11112222', '12121212', '112233', '121212', '123654',
  '123654789', '123456123', '147258', '147258369', '147852', '147852369', '159357', '159753',
  '258369', '741852', '741852963', '789456', '789456123', '7894561230', '321654987',
  '110110110', '31415926', '3141592653', '19491001', '20080808', '12369874', '96385274',
  // Love numbers and words popular in China
  '5201314', '52013145', '5201314520', '1314520', '1314521', '13145200', '1314520520',
  '5211314', '521521', '521521521', '520520', '520520520', '7758521', '7758258',
  'woaini', 'woaini1314', 'woaini520', 'woaini123', 'woaini521', 'woaiwojia', 'aini1314',
  'iloveyou', 'iloveyou1', 'iloveyou520', 'ilovechina', 'woainima', 'wodemima', 'mima123456',
  // QQ, letters + digits
  'qq123456', 'qq12345678', 'qq5201314', 'qq111111', 'qq666666', 'qq888888',
  'a123456', 'a1234567', 'a12345678', 'a123456789', 'a1234567890', 'aa123456', 'aa12345678',
  'abc123', 'abc12345', 'abc123456', 'abc123456789', 'abcd1234', 'abcd123456', 'abcdefg',
  'abcdefgh', 'abcdefg123', '123456a', '123456aa', '123456abc', '123456789a', '12345678a',
  '1234abcd', 'a1b2c3d4', 'a1b2c3d4e5', 'aaaaaaaa', 'aaa111', 'aaa123456', 'qqqqqqqq',
  'zz123456', 'zxc123456', 'asd123456', 'qwe123456', 'qwe123', 'ab123456', 'wang123456',
  'zhang123456', 'li123456', 'liu123456', 'chen123456',
  // Keyboard walks
  'qwerty', 'qwerty123', 'qwertyui', 'qwertyuiop', 'qwer1234', '1234qwer', 'qwe123qwe',
  'asdfgh', 'asdfghjk', 'asdfghjkl', 'asdasdasd', 'asdf1234', 'zxcvbnm', 'zxcvbnm123',
  'zxcvbn', '1qaz2wsx', '1qaz2wsx3edc', 'qazwsx', 'qazwsxedc', 'qazwsx123', '1q2w3e4r',
  '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4', 'q1w2e3r4t5', '!qaz2wsx', '1qazxsw2', 'zaq12wsx',
  'qweasdzxc', 'qweqweqwe', 'poiuytrewq', 'mnbvcxz',
  // English words and the usual substitutions
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'pass1234', 'admin', 'admin123', 'admin888', 'admin1234', 'administrator', 'root123',
  'root1234', 'test1234', 'welcome', 'welcome1', 'welcome123', 'letmein', 'letmein1',
  'sunshine', 'princess', 'football', 'baseball', 'basketball', 'superman', 'batman',
  'dragon', 'monkey', 'master', 'shadow', 'michael', 'jennifer', 'trustno1', 'whatever',
  'computer', 'internet', 'starwars', 'charlie', 'jordan23', 'liverpool', 'chelsea',
  'changeme', 'default', 'secret123', 'hello123', 'helloworld', 'access14', 'mustang',
  'dearbook', 'xiazhili', 'tianya123', '111222tianya', 'wocaonima', 'nihao123', 'nihaoma',
  'zhongguo', 'zhongguo123', 'beijing', 'beijing2008', 'shanghai',
  // This portal: its place and its subject
  'zhuozhou', 'zhuozhou123', 'zhuozhou2023', 'zz2023', 'hebei123', 'baodingshi',
  'jiuzai123', 'zaihou123', 'shuizai2023',
] as const;

/** Lower-case common passwords; check with `isCommonPassword`, which lower-cases the input. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
