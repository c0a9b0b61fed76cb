/** What a field's name says it holds, by exact (folded) name; field-kinds.ts adds the suffix rules. */

export type FieldKind =
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'username'
  | 'password'
  | 'phone'
  | 'city'
  | 'country'
  | 'countryCode'
  | 'zip'
  | 'street'
  | 'state'
  | 'company'
  | 'url'
  | 'avatar'
  | 'title'
  | 'description'
  | 'price'
  | 'currency'
  | 'created'
  | 'updated'
  | 'datetime'
  | 'date'
  | 'birthday'
  | 'id'
  | 'uuid'
  | 'slug'
  | 'status'
  | 'latitude'
  | 'longitude'
  | 'color'
  | 'ip'
  | 'userAgent'
  | 'locale'
  | 'language'
  | 'timezone'
  | 'count'
  | 'age'
  | 'tag'
  | 'jobTitle'
  | 'domain'
  | 'version'
  | 'sha'
  | 'branch'
  | 'command'
  | 'token'
  | 'mimeType'
  | 'fileName'
  | 'productName'
  | 'category'
  | 'word'
  | 'year'
  | 'month'
  | 'day'
  | 'rating'
  | 'percent'
  | 'page'
  | 'port'
  | 'size'
  | 'gender'
  | 'iban'
  | 'code'
  | 'path'
  | 'label'
  | 'sid'
  | 'arn'
  | 'numeric';

export const EXACT: Record<string, FieldKind> = {};
function add(kind: FieldKind, ...names: string[]): void {
  for (const n of names) EXACT[n] = kind;
}
add('email', 'email', 'emailaddress', 'mail', 'contactemail', 'useremail', 'billingemail');
add('firstName', 'firstname', 'givenname', 'forename', 'fname');
add('lastName', 'lastname', 'familyname', 'surname', 'lname');
add(
  'fullName',
  'name',
  'fullname',
  'displayname',
  'contactname',
  'customername',
  'authorname',
  'ownername',
  'realname',
  'personname',
);
add('username', 'username', 'login', 'userlogin', 'handle', 'nickname', 'screenname', 'nick');
add('password', 'password', 'passwd', 'pass', 'pwd', 'newpassword', 'oldpassword');
add('phone', 'phone', 'phonenumber', 'mobile', 'mobilephone', 'tel', 'telephone', 'cell', 'cellphone', 'fax');
add('city', 'city', 'town', 'locality');
add('country', 'country', 'countryname', 'nation');
add('countryCode', 'countrycode', 'countryiso', 'isocountry');
add('zip', 'zip', 'zipcode', 'postalcode', 'postcode', 'postal');
add(
  'street',
  'street',
  'streetaddress',
  'address',
  'address1',
  'addressline1',
  'addressline',
  'line1',
  'streetname',
);
add('state', 'state', 'province', 'region', 'county');
add(
  'company',
  'company',
  'companyname',
  'organization',
  'organisation',
  'org',
  'orgname',
  'employer',
  'business',
  'businessname',
);
// `self` (Jira, HAL-style bodies) is the resource's own link wherever it sits, not a word.
add(
  'url',
  'url',
  'uri',
  'website',
  'homepage',
  'link',
  'href',
  'web',
  'site',
  'blog',
  'self',
  'selflink',
  'selfurl',
);
add(
  'avatar',
  'avatar',
  'avatarurl',
  'imageurl',
  'image',
  'photo',
  'photourl',
  'picture',
  'pictureurl',
  'thumbnail',
  'thumbnailurl',
  'logo',
  'logourl',
  'icon',
  'iconurl',
  'profileimage',
  'profilepicture',
  'img',
);
add('title', 'title', 'headline', 'subject', 'heading', 'caption');
add(
  'description',
  'description',
  'bio',
  'summary',
  'about',
  'body',
  'content',
  'text',
  'comment',
  'message',
  'note',
  'notes',
  'details',
  'excerpt',
  'biography',
);
add(
  'price',
  'price',
  'amount',
  'total',
  'cost',
  'subtotal',
  'balance',
  'fee',
  'salary',
  'tax',
  'unitprice',
  'totalprice',
  'totalamount',
  'grandtotal',
);
add('currency', 'currency', 'currencycode', 'curr');
add(
  'created',
  'createdat',
  'created',
  'createdon',
  'creationdate',
  'createdate',
  'createddate',
  'insertedat',
  'registeredat',
  'joinedat',
  'datecreated',
  'createtime',
  'createdtime',
);
add(
  'updated',
  'updatedat',
  'updated',
  'updatedon',
  'modifiedat',
  'modified',
  'lastmodified',
  'lastupdated',
  'dateupdated',
  'datemodified',
  'updatetime',
  'updatedtime',
  'modifiedon',
);
add('id', 'id', 'identifier');
add('uuid', 'uuid', 'guid');
add('slug', 'slug', 'permalink');
add('status', 'status');
add('latitude', 'latitude', 'lat');
add('longitude', 'longitude', 'lng', 'lon', 'long');
add('color', 'color', 'colour', 'hexcolor', 'colorhex', 'hex');
add('ip', 'ip', 'ipaddress', 'ipaddr', 'remoteaddr', 'remoteip', 'clientip');
add('userAgent', 'useragent', 'ua');
add('locale', 'locale');
add('language', 'language', 'lang', 'languagecode');
add('timezone', 'timezone', 'tz', 'tzname');
add('count', 'count', 'quantity', 'qty', 'totalcount', 'itemcount', 'number', 'num', 'stock', 'inventory');
add('age', 'age');
add('birthday', 'birthday', 'birthdate', 'dateofbirth', 'dob', 'born', 'bornon');
add('tag', 'tags', 'tag', 'labels', 'keywords', 'keyword', 'topics', 'topic');
add('jobTitle', 'jobtitle', 'position', 'occupation', 'job', 'profession');
add('domain', 'domain', 'hostname', 'host', 'domainname');
add('version', 'version', 'semver', 'appversion');
add(
  'sha',
  'sha',
  'hash',
  'checksum',
  'etag',
  'commitsha',
  'digest',
  'md5',
  'sha1',
  'sha256',
  'commit',
  'commitid',
  'commitref',
  'headsha',
  'basesha',
);
add('branch', 'branch', 'branchname', 'gitbranch', 'repobranch', 'defaultbranch', 'basebranch', 'headbranch');
add('command', 'cmd', 'command', 'buildcommand', 'buildcmd', 'startcommand', 'runcommand');
add('token', 'token', 'apikey', 'accesstoken', 'refreshtoken', 'secret', 'clientsecret');
add('mimeType', 'mimetype', 'contenttype', 'mediatype');
add('fileName', 'filename', 'file', 'attachmentname');
add('productName', 'productname', 'product', 'itemname');
add('category', 'category', 'department', 'genre');
add('word', 'type', 'kind');
add('year', 'year');
add('month', 'month');
add('day', 'day');
add('rating', 'rating', 'stars');
add('percent', 'percent', 'percentage', 'progress', 'discount');
add('page', 'page', 'pagenumber', 'perpage', 'pagesize', 'limit', 'offset');
add('port', 'port');
add('size', 'size', 'width', 'height', 'length', 'weight', 'filesize', 'bytes');
add('gender', 'gender', 'sex');
add('iban', 'iban');
add('code', 'code', 'sku', 'reference', 'ref', 'coupon', 'promocode');
add('path', 'path', 'filepath', 'dir', 'directory');
add('label', 'label');
